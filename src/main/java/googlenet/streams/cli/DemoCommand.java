package googlenet.streams.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** The {@code demo} command. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = "Run the whole pipeline on an in-JVM Kafka broker with a synthetic model.")
final class DemoCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    System.err.println("demo: not implemented yet");
    return 2;
  }
}
