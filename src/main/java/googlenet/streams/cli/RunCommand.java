package googlenet.streams.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** The {@code run} command. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = "Run the long-running classification service.")
final class RunCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    System.err.println("run: not implemented yet");
    return 2;
  }
}
