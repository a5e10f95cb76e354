package googlenet.streams.cli;

import googlenet.streams.inference.ExecutionProvider;
import googlenet.streams.tools.bench.EngineReport;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bench inference}: images per second of the raw engine for each batch size. */
@Command(
    name = "inference",
    mixinStandardHelpOptions = true,
    description =
        "Raw ONNX Runtime throughput per batch size on the full synthetic GoogLeNet (or --model),"
            + " one calling thread, on preprocessed 640x480 JPEGs. For the decode + preprocess"
            + " cost, see bench preprocess.")
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

  @Override
  public Integer call() {
    return BenchExit.of(
        "bench inference",
        spec,
        out -> {
          if (threads < 0) {
            throw new IllegalArgumentException("--threads must be >= 0, got " + threads);
          }
          EngineReport.run(
              model, ExecutionProvider.fromId(provider), threads, batchSizes, seconds, out);
        });
  }
}
