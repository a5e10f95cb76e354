package googlenet.streams.tools.bench;

import googlenet.streams.image.DecoderMode;
import googlenet.streams.image.ImageLimits;
import googlenet.streams.image.ImagePreprocessor;
import googlenet.streams.image.ImageRejectedException;
import googlenet.streams.image.PreprocessProfile;
import googlenet.streams.tools.fixtures.Photos;
import googlenet.streams.tools.fixtures.SampleImages;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Decode + preprocessing cost of the ImageIO and native decoders on the same JPEGs in one run, on
 * the calling thread, into a direct native-order buffer as the pipeline does: photo-like JPEGs
 * ({@link Photos}) at 640x480 and 1920x1080, quality 0.9, and the generated 640x480 pictures the
 * other benchmarks use. The decoders take turns in short blocks (their order swapped every round),
 * so both see the same machine load. A report, not a test: figures depend on the machine.
 */
public final class DecoderBenchmark {
  /** Distinct JPEGs per input, used round robin. */
  static final int DISTINCT = 8;

  private DecoderBenchmark() {}

  /**
   * JPEGs of one kind.
   *
   * @param name e.g. {@code photo-640x480-q90}
   * @param jpegs the distinct encoded images
   */
  public record Input(String name, List<byte[]> jpegs) {
    /** Mean encoded size in bytes. */
    public long meanBytes() {
      return (long) jpegs.stream().mapToInt(b -> b.length).average().orElse(0);
    }
  }

  /**
   * One decoder on one input.
   *
   * @param input the input's name
   * @param decoder {@link DecoderMode#IMAGEIO} or {@link DecoderMode#NATIVE}
   * @param images images measured
   * @param cpuMsPerImage CPU milliseconds of the calling thread per image
   * @param imagesPerSecond images per wall-clock second on one thread
   */
  public record Figure(
      String input,
      DecoderMode decoder,
      int images,
      double cpuMsPerImage,
      double imagesPerSecond) {}

  /** The three inputs: photo 640x480, photo 1920x1080 and generated 640x480, all quality 0.9. */
  public static List<Input> inputs() {
    return List.of(
        input("photo-640x480-q90", s -> Photos.jpeg(640, 480, s, 0.9f)),
        input("photo-1920x1080-q90", s -> Photos.jpeg(1920, 1080, s, 0.9f)),
        input("generated-640x480-q90", s -> SampleImages.jpeg(640, 480, s)));
  }

  private static Input input(String name, java.util.function.LongFunction<byte[]> encoder) {
    List<byte[]> jpegs = new ArrayList<>();
    for (long seed = 1; seed <= DISTINCT; seed++) {
      jpegs.add(encoder.apply(seed));
    }
    return new Input(name, List.copyOf(jpegs));
  }

  /**
   * Measures {@code decoders} on {@code inputs}, {@code images} images per figure in {@code rounds}
   * blocks, after a warm-up of {@link #DISTINCT} * 4 images per figure.
   *
   * @throws IllegalArgumentException when images or rounds are below 1, or images below rounds
   * @throws IllegalStateException when the native decoder is asked for and cannot load
   */
  public static List<Figure> run(
      PreprocessProfile profile,
      List<DecoderMode> decoders,
      List<Input> inputs,
      int images,
      int rounds) {
    if (rounds < 1 || images < rounds) {
      throw new IllegalArgumentException(
          "need at least 1 round and as many images as rounds, got "
              + images
              + " images, "
              + rounds
              + " rounds");
    }
    Map<DecoderMode, ImagePreprocessor> preprocessors = new EnumMap<>(DecoderMode.class);
    for (DecoderMode mode : decoders) {
      preprocessors.put(mode, new ImagePreprocessor(profile, ImageLimits.DEFAULT, mode));
    }
    FloatBuffer out =
        ByteBuffer.allocateDirect(Float.BYTES * ImagePreprocessor.TENSOR_FLOATS)
            .order(ByteOrder.nativeOrder())
            .asFloatBuffer();
    long[][][] totals = new long[inputs.size()][decoders.size()][3]; // images, cpu ns, wall ns
    for (int i = 0; i < inputs.size(); i++) {
      for (DecoderMode mode : decoders) {
        block(preprocessors.get(mode), inputs.get(i), DISTINCT * 4, out, new long[3]);
      }
    }
    for (int round = 0; round < rounds; round++) {
      int count = images / rounds + (round < images % rounds ? 1 : 0);
      for (int i = 0; i < inputs.size(); i++) {
        for (int k = 0; k < decoders.size(); k++) {
          int d = round % 2 == 0 ? k : decoders.size() - 1 - k;
          block(preprocessors.get(decoders.get(d)), inputs.get(i), count, out, totals[i][d]);
        }
      }
    }
    List<Figure> figures = new ArrayList<>();
    for (int i = 0; i < inputs.size(); i++) {
      for (int d = 0; d < decoders.size(); d++) {
        long[] t = totals[i][d];
        figures.add(
            new Figure(
                inputs.get(i).name(),
                decoders.get(d),
                (int) t[0],
                t[1] / 1e6 / t[0],
                t[0] / (t[2] / 1e9)));
      }
    }
    return figures;
  }

  private static void block(
      ImagePreprocessor preprocessor, Input input, int count, FloatBuffer out, long[] totals) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    List<byte[]> jpegs = input.jpegs();
    long cpu = threads.getCurrentThreadCpuTime();
    long wall = System.nanoTime();
    try {
      for (int n = 0; n < count; n++) {
        preprocessor.preprocessInto(jpegs.get(n % jpegs.size()), out, 0);
      }
    } catch (ImageRejectedException e) {
      throw new IllegalStateException(
          "the benchmark's own " + input.name() + " JPEG was rejected: " + e.getMessage(), e);
    }
    totals[2] += System.nanoTime() - wall;
    totals[1] += threads.getCurrentThreadCpuTime() - cpu;
    totals[0] += count;
  }

  /**
   * The report: the machine, then per input and decoder the CPU ms per image and images/s on one
   * thread, and per input ImageIO's CPU cost over the native one's.
   */
  public static String report(PreprocessProfile profile, List<Input> inputs, List<Figure> figures) {
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            "machine: %s, %d cores, %s; load average %s%n"
                + "profile %s, 1 thread, decoders taking turns in blocks%n%n",
            Machine.cpuModel(),
            Machine.cores(),
            Machine.jvm(),
            Machine.loadAverage(),
            profile.id()));
    out.append(
        "| input | mean bytes | decoder | images | CPU ms/image | images/s | ImageIO / native CPU |\n");
    out.append("|---|---:|---|---:|---:|---:|---:|\n");
    for (Input input : inputs) {
      List<Figure> rows = figures.stream().filter(f -> f.input().equals(input.name())).toList();
      String ratio = ratio(rows);
      for (Figure f : rows) {
        out.append(
            String.format(
                Locale.ROOT,
                "| %s | %d | %s | %d | %.2f | %.0f | %s |%n",
                f.input(),
                input.meanBytes(),
                f.decoder().id(),
                f.images(),
                f.cpuMsPerImage(),
                f.imagesPerSecond(),
                f.decoder() == DecoderMode.NATIVE ? ratio : ""));
      }
    }
    return out.toString();
  }

  private static String ratio(List<Figure> rows) {
    double imageIo = cpu(rows, DecoderMode.IMAGEIO);
    double nativeCpu = cpu(rows, DecoderMode.NATIVE);
    return imageIo > 0 && nativeCpu > 0
        ? String.format(Locale.ROOT, "%.2fx", imageIo / nativeCpu)
        : "";
  }

  private static double cpu(List<Figure> rows, DecoderMode mode) {
    return rows.stream()
        .filter(f -> f.decoder() == mode)
        .mapToDouble(Figure::cpuMsPerImage)
        .findFirst()
        .orElse(0);
  }
}
