package googlenet.streams.cli;

import googlenet.streams.inference.EngineConfig;
import googlenet.streams.inference.ExecutionProvider;
import googlenet.streams.inference.InferenceException;
import googlenet.streams.inference.ModelInfo;
import googlenet.streams.inference.OnnxInferenceEngine;
import googlenet.streams.model.ModelSource;
import googlenet.streams.tools.bench.PreprocessBenchmark;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bench inference}: images per second of the raw engine for each batch size, and the
 * preprocessing cost of a 640x480 JPEG on one thread. A report, not a test.
 */
@Command(
    name = "inference",
    mixinStandardHelpOptions = true,
    description =
        "Raw ONNX Runtime throughput per batch size on the full synthetic GoogLeNet (or --model),"
            + " and the decode + preprocessing cost of a 640x480 JPEG on one thread.")
final class BenchInferenceCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--model",
      defaultValue = "synthetic",
      paramLabel = "FILE|synthetic|synthetic-small",
      description = "Model to run (default: synthetic, the full-size GoogLeNet).")
  String model;

  @Option(
      names = "--batch-sizes",
      split = ",",
      defaultValue = "1,2,4,8,16,32",
      description = "Batch sizes to measure (default: 1,2,4,8,16,32).")
  List<Integer> batchSizes;

  @Option(
      names = "--seconds",
      defaultValue = "5",
      description = "Measured seconds per batch size, after 2 warm-up runs (default: 5).")
  double seconds;

  @Option(
      names = "--threads",
      defaultValue = "0",
      description = "ONNX Runtime intra-op threads; 0 lets it choose, one per core (default: 0).")
  int threads;

  @Option(
      names = "--execution-provider",
      defaultValue = "cpu",
      paramLabel = "cpu|cuda|cuda-strict",
      description = "Execution provider (default: cpu).")
  String provider;

  @Option(
      names = "--preprocess-iterations",
      defaultValue = "200",
      description =
          "JPEGs preprocessed per profile for the preprocessing figures; 0 skips them (default: 200).")
  int preprocessIterations;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      validate();
      EngineConfig config = engineConfig();
      MachineInfo machine = MachineInfo.current();
      out.printf(
          Locale.ROOT,
          "machine: %d cores, %s, load average %s%n",
          machine.cores(),
          machine.cpuModel(),
          MachineInfo.loadAverage());
      try (OnnxInferenceEngine engine = OnnxInferenceEngine.open(config)) {
        printHeader(out, engine);
        FloatBuffer input = noise(maxBatch(), engine.imageFloats());
        for (int batch : batchSizes) {
          printPoint(out, ThroughputPoint.measure(engine, input, batch, seconds));
        }
      }
      if (preprocessIterations > 0) {
        out.println();
        for (PreprocessBenchmark.Result result : PreprocessBenchmark.run(preprocessIterations)) {
          out.println("preprocess " + result.describe());
        }
      }
      out.printf(Locale.ROOT, "load average at end: %s%n", MachineInfo.loadAverage());
      return 0;
    } catch (IllegalArgumentException | UncheckedIOException | InferenceException e) {
      err.println("bench inference: " + e.getMessage());
      return 2;
    } finally {
      out.flush();
      err.flush();
    }
  }

  private void validate() {
    if (batchSizes.isEmpty() || batchSizes.stream().anyMatch(b -> b < 1)) {
      throw new IllegalArgumentException("--batch-sizes must all be >= 1, got " + batchSizes);
    }
    if (!(seconds > 0)) {
      throw new IllegalArgumentException("--seconds must be > 0, got " + seconds);
    }
    if (threads < 0 || preprocessIterations < 0) {
      throw new IllegalArgumentException(
          "--threads and --preprocess-iterations must be >= 0, got "
              + threads
              + " and "
              + preprocessIterations);
    }
  }

  private EngineConfig engineConfig() {
    return new EngineConfig(
        ModelSource.resolve(model),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        ExecutionProvider.fromId(provider),
        0,
        Map.of(),
        threads,
        0,
        EngineConfig.Softmax.AUTO,
        true);
  }

  private int maxBatch() {
    return batchSizes.stream().mapToInt(Integer::intValue).max().orElse(1);
  }

  private void printHeader(PrintWriter out, OnnxInferenceEngine engine) throws InferenceException {
    ModelInfo info = engine.model();
    out.printf(
        Locale.ROOT,
        "onnxruntime %s, provider %s%s, intra-op threads %s%n",
        OnnxInferenceEngine.runtimeVersion(),
        engine.provider(),
        engine.fellBack() ? " (fell back from CUDA)" : "",
        threads == 0 ? "ORT default (one per core)" : Integer.toString(threads));
    out.printf(
        Locale.ROOT,
        "model: %s (sha256 %s), %d classes, %s batch%n%n",
        info.name(),
        info.sha256(),
        info.classes(),
        info.fixedBatch() ? "fixed (run image by image)" : "dynamic");
    out.printf(
        Locale.ROOT,
        "%6s %6s %16s %10s %10s %14s%n",
        "batch",
        "runs",
        "median ms/batch",
        "ms/image",
        "images/s",
        "cpu ms/image");
  }

  private static void printPoint(PrintWriter out, ThroughputPoint p) {
    out.printf(
        Locale.ROOT,
        "%6d %6d %16.1f %10.2f %10.1f %14.2f%n",
        p.batchSize(),
        p.runs(),
        p.medianMillis(),
        p.medianMillis() / p.batchSize(),
        p.imagesPerSecond(),
        p.cpuMillisPerImage());
    out.flush();
  }

  /** Seeded noise on the Caffe input scale: the timing does not depend on the values. */
  private static FloatBuffer noise(int images, int imageFloats) {
    FloatBuffer buffer =
        ByteBuffer.allocateDirect(images * imageFloats * Float.BYTES)
            .order(ByteOrder.nativeOrder())
            .asFloatBuffer();
    Random random = new Random(1);
    for (int i = 0; i < buffer.capacity(); i++) {
      buffer.put(i, (float) (random.nextGaussian() * 60));
    }
    return buffer;
  }
}
