package googlenet.streams.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** The {@code produce} command. */
@Command(
    name = "produce",
    mixinStandardHelpOptions = true,
    description = "Publish image files as ImageRecords to a topic.")
final class ProduceCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    System.err.println("produce: not implemented yet");
    return 2;
  }
}
