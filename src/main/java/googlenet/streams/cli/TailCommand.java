package googlenet.streams.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** The {@code tail} command. */
@Command(
    name = "tail",
    mixinStandardHelpOptions = true,
    description = "Print classifications and dead letters of a topic as JSON lines.")
final class TailCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    System.err.println("tail: not implemented yet");
    return 2;
  }
}
