package googlenet.streams.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** The {@code backfill} command. */
@Command(
    name = "backfill",
    mixinStandardHelpOptions = true,
    description = "Re-label a bounded range of a topic, then stop.")
final class BackfillCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    System.err.println("backfill: not implemented yet");
    return 2;
  }
}
