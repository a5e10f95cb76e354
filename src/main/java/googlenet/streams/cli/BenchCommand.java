package googlenet.streams.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** The {@code bench} command. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = "Benchmark the pipeline against raw ONNX Runtime.")
final class BenchCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    System.err.println("bench: not implemented yet");
    return 2;
  }
}
