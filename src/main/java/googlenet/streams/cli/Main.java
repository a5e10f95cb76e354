package googlenet.streams.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the googlenet-streams command line. */
@Command(
    name = "googlenet-streams",
    mixinStandardHelpOptions = true,
    version = "googlenet-streams 0.1.0",
    description = "Streaming image classification: GoogLeNet on ONNX Runtime behind Kafka Streams.",
    subcommands = {
      DemoCommand.class,
      RunCommand.class,
      ProduceCommand.class,
      TailCommand.class,
      ClassifyCommand.class,
      ModelCommand.class,
      BackfillCommand.class,
      BenchCommand.class,
      ConfigCommand.class,
      CompareCommand.class
    })
public final class Main implements Runnable {

  /** Runs the command line and exits with its status. */
  public static void main(String[] args) {
    System.exit(newCommandLine().execute(args));
  }

  /** The command line with every subcommand registered, for main and for tests. */
  public static CommandLine newCommandLine() {
    return new CommandLine(new Main());
  }

  @Override
  public void run() {
    newCommandLine().usage(System.out);
  }
}
