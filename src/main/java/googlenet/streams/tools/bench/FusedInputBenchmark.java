package googlenet.streams.tools.bench;

import googlenet.streams.image.DecoderMode;
import googlenet.streams.image.ImageLimits;
import googlenet.streams.image.ImagePreprocessor;
import googlenet.streams.image.ImageRejectedException;
import googlenet.streams.image.PreprocessProfile;
import googlenet.streams.inference.EngineConfig;
import googlenet.streams.inference.ImageInput;
import googlenet.streams.inference.InferenceException;
import googlenet.streams.inference.OnnxInferenceEngine;
import googlenet.streams.model.FusedPreprocessing;
import googlenet.streams.model.PreprocessFuser;
import googlenet.streams.tools.TempDir;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What the host does per image for a float model against one with the preprocessing fused in
 * ({@code model prepare --fuse-preprocess}): decode + preprocess into the float tensor, against
 * decode + resize into uint8 pixels; CPU ms per image on one thread with each decoder asked for
 * (ImageIO, the native one; the ways taking turns in blocks) and the bytes each image puts into the
 * model's input. Then, on the CPU execution provider, the model run per image of both models on the
 * same images: where no GPU takes the fused steps, the CPU does them there. A report, not a test.
 */
public final class FusedInputBenchmark {
  private FusedInputBenchmark() {}

  /**
   * One way to feed a model.
   *
   * @param name e.g. {@code float CHW 224x224}
   * @param decoder the JPEG decoder the host figure was measured with
   * @param bytesPerImage bytes per image in the model input
   * @param hostCpuMs decode + preprocessing CPU ms per image on one thread
   * @param modelMs model run wall ms per image, batches of {@code batch}, CPU provider
   */
  public record Figure(
      String name, DecoderMode decoder, int bytesPerImage, double hostCpuMs, double modelMs) {}

  /**
   * Measures float and uint8 inputs at {@code sizes} (each {@code {height, width}}) on {@code
   * input}'s JPEGs: {@code images} per way and decoder for the host (figures grouped by decoder, in
   * the order of {@code decoders}), {@code batches} batches of {@code batch} for the model ({@code
   * model}: a float model taking [N,3,224,224]; measured once per input, with the first decoder).
   *
   * @throws IllegalArgumentException when images are below 8 (one per block) or batches below 1
   * @throws UncheckedIOException when a fused model cannot be written
   * @throws IllegalStateException when one of the benchmark's own JPEGs is rejected
   */
  public static List<Figure> run(
      Path model,
      DecoderBenchmark.Input input,
      List<int[]> sizes,
      List<DecoderMode> decoders,
      int images,
      int batches,
      int batch)
      throws InferenceException {
    if (images < 8 || batches < 1 || batch < 1 || decoders.isEmpty()) {
      throw new IllegalArgumentException(
          "need at least 8 images, 1 batch, a batch of 1 and a decoder, got "
              + images
              + " images, "
              + batches
              + " batches of "
              + batch
              + ", decoders "
              + decoders);
    }
    try {
      return measure(model, input, sizes, decoders, images, batches, batch);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write a fused model: " + e.getMessage(), e);
    } catch (ImageRejectedException e) {
      throw new IllegalStateException(
          "the benchmark's own " + input.name() + " JPEG was rejected: " + e.getMessage(), e);
    }
  }

  private static List<Figure> measure(
      Path model,
      DecoderBenchmark.Input input,
      List<int[]> sizes,
      List<DecoderMode> decoders,
      int images,
      int batches,
      int batch)
      throws IOException, InferenceException, ImageRejectedException {
    List<ImageInput> ways = new ArrayList<>();
    ways.add(ImageInput.FLOAT_CHW);
    sizes.forEach(s -> ways.add(new ImageInput(true, s[0], s[1])));
    List<double[]> host = new ArrayList<>();
    for (DecoderMode decoder : decoders) {
      host.add(host(preprocessor(decoder), ways, input, images));
    }
    ImagePreprocessor first = preprocessor(decoders.get(0));
    double[] modelMs = new double[ways.size()];
    try (TempDir dir = TempDir.create("gns-fused-bench")) {
      for (int w = 0; w < ways.size(); w++) {
        ImageInput way = ways.get(w);
        Path file = way.uint8() ? fuse(model, dir.path(), way) : model;
        modelMs[w] = modelMs(file, first, input, batches, batch);
      }
    }
    List<Figure> figures = new ArrayList<>();
    for (int d = 0; d < decoders.size(); d++) {
      for (int w = 0; w < ways.size(); w++) {
        ImageInput way = ways.get(w);
        figures.add(
            new Figure(name(way), decoders.get(d), way.bytes(), host.get(d)[w], modelMs[w]));
      }
    }
    return figures;
  }

  private static ImagePreprocessor preprocessor(DecoderMode decoder) {
    return new ImagePreprocessor(PreprocessProfile.CAFFE_BGR, ImageLimits.DEFAULT, decoder);
  }

  private static String name(ImageInput way) {
    return (way.uint8() ? "uint8 HWC, fused model " : "float CHW, original model ")
        + way.height()
        + "x"
        + way.width();
  }

  private static Path fuse(Path model, Path dir, ImageInput way) throws IOException {
    PreprocessProfile caffe = PreprocessProfile.CAFFE_BGR;
    Path out = dir.resolve("fused-" + way.height() + "x" + way.width() + ".onnx");
    PreprocessFuser.prepare(
        model,
        out,
        new FusedPreprocessing(
            caffe.id(),
            way.height(),
            way.width(),
            caffe.sourceChannels(),
            caffe.mean(),
            caffe.scale()));
    return out;
  }

  /** CPU ms per image of each way on one thread, the ways taking turns in 8 blocks. */
  private static double[] host(
      ImagePreprocessor p, List<ImageInput> ways, DecoderBenchmark.Input input, int images)
      throws ImageRejectedException {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long[] cpu = new long[ways.size()];
    int rounds = 8;
    for (int round = -1; round < rounds; round++) { // round -1 warms up
      for (int w = 0; w < ways.size(); w++) {
        ImageInput way = ways.get(round % 2 == 0 ? w : ways.size() - 1 - w);
        ByteBuffer out = ByteBuffer.allocateDirect(way.bytes()).order(ByteOrder.nativeOrder());
        long start = threads.getCurrentThreadCpuTime();
        for (int n = 0; n < images / rounds; n++) {
          write(p, input.jpegs().get(n % input.jpegs().size()), way, out);
        }
        if (round >= 0) {
          cpu[ways.indexOf(way)] += threads.getCurrentThreadCpuTime() - start;
        }
      }
    }
    double[] ms = new double[ways.size()];
    for (int w = 0; w < ms.length; w++) {
      ms[w] = cpu[w] / 1e6 / (images / rounds * rounds);
    }
    return ms;
  }

  private static void write(ImagePreprocessor p, byte[] jpeg, ImageInput way, ByteBuffer out)
      throws ImageRejectedException {
    if (way.uint8()) {
      p.pixelsInto(jpeg, out, 0, way.height(), way.width());
    } else {
      p.preprocessInto(jpeg, out.asFloatBuffer(), 0);
    }
  }

  /** Wall ms per image of {@code batches} runs of {@code batch} images, after one warm-up run. */
  private static double modelMs(
      Path file, ImagePreprocessor p, DecoderBenchmark.Input input, int batches, int batch)
      throws InferenceException, ImageRejectedException {
    try (OnnxInferenceEngine engine = OnnxInferenceEngine.open(EngineConfig.cpu(file))) {
      ImageInput way = engine.input();
      ByteBuffer images =
          ByteBuffer.allocateDirect(batch * way.bytes()).order(ByteOrder.nativeOrder());
      for (int i = 0; i < batch; i++) {
        ByteBuffer slot = images.slice(i * way.bytes(), way.bytes()).order(ByteOrder.nativeOrder());
        write(p, input.jpegs().get(i % input.jpegs().size()), way, slot);
      }
      engine.run(images, batch);
      long start = System.nanoTime();
      for (int b = 0; b < batches; b++) {
        engine.run(images, batch);
      }
      return (System.nanoTime() - start) / 1e6 / batches / batch;
    }
  }

  /**
   * The report: one row per way and decoder, with bytes and host CPU against the float way's of the
   * same decoder.
   */
  public static String report(DecoderBenchmark.Input input, List<Figure> figures, int batch) {
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            "machine: %s, %d cores, %s; load average %s%n"
                + "input %s (mean %d bytes), 1 thread; model runs on the CPU provider in batches"
                + " of %d%n%n",
            Machine.cpuModel(),
            Machine.cores(),
            Machine.jvm(),
            Machine.loadAverage(),
            input.name(),
            input.meanBytes(),
            batch));
    out.append(
        "| model input | decoder | bytes/image | of float | host CPU ms/image | of float | model"
            + " ms/image |\n");
    out.append("|---|---|---:|---:|---:|---:|---:|\n");
    Figure base = figures.get(0);
    for (Figure f : figures) {
      if (f.decoder() != base.decoder()) {
        base = f; // the first figure of each decoder is its float input
      }
      out.append(
          String.format(
              Locale.ROOT,
              "| %s | %s | %,d | %.2f | %.2f | %.2f | %.1f |%n",
              f.name(),
              f.decoder().id(),
              f.bytesPerImage(),
              (double) f.bytesPerImage() / base.bytesPerImage(),
              f.hostCpuMs(),
              f.hostCpuMs() / base.hostCpuMs(),
              f.modelMs()));
    }
    return out.toString();
  }
}
