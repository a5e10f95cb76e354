package googlenet.streams.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** The {@code classify} command. */
@Command(
    name = "classify",
    mixinStandardHelpOptions = true,
    description = "Classify image files and print one JSON line per file.")
final class ClassifyCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    System.err.println("classify: not implemented yet");
    return 2;
  }
}
