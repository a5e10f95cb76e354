package googlenet.streams.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** The {@code model} command. */
@Command(
    name = "model",
    mixinStandardHelpOptions = true,
    description =
        "Model files: synthesise, prepare for batching, inspect, fetch the pretrained one.")
final class ModelCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    System.err.println("model: not implemented yet");
    return 2;
  }
}
