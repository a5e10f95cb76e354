package googlenet.streams.cli;

import googlenet.streams.tools.demo.Demo;
import googlenet.streams.tools.demo.DemoSettings;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The {@code demo} command: see {@link Demo}. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Run the whole pipeline on a Kafka broker inside this JVM: publish generated pictures and"
          + " broken files, classify them exactly-once, print the results and dead letters.",
      "Works offline. The default synthetic model's labels are meaningless; see 'model fetch'.",
      "Exit status: 0 every record accounted for, 1 some record missing or duplicated,"
          + " 2 cannot start."
    })
final class DemoCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(
      names = "--images",
      paramLabel = "N",
      defaultValue = "24",
      description = "Generated pictures to publish (default: ${DEFAULT-VALUE}).")
  int images;

  @Option(
      names = "--model",
      paramLabel = "synthetic|synthetic-small|FILE",
      defaultValue = "synthetic",
      description = "Model to run (default: ${DEFAULT-VALUE}, the full-size synthetic GoogLeNet).")
  String model;

  @Option(
      names = "--labels",
      paramLabel = "FILE",
      description = "Synset file naming the classes ('n01440764 tench, Tinca tinca' per line).")
  String labels;

  @Option(
      names = "--batch-size",
      paramLabel = "N",
      description = "batch.max.size of the pipeline (default: the service's default).")
  Integer batchSize;

  @Option(
      names = "--timeout",
      paramLabel = "SECONDS",
      defaultValue = "300",
      description =
          "Longest wait for every record to be accounted for (default: ${DEFAULT-VALUE}).")
  long timeoutSeconds;

  @Option(
      names = "--keep-running",
      description = "Keep the broker and the pipeline running after the report, until Ctrl-C.")
  boolean keepRunning;

  @Option(
      names = "--schema-registry",
      paramLabel = "URL",
      description =
          "Publish the pictures and write the results in the schema registry's framing (schemas"
              + " registered under <topic>-value) with the registry at URL; default: Avro"
              + " single-object encoding, no registry.")
  URI schemaRegistry;

  @Override
  public Integer call() throws Exception {
    try {
      DemoSettings settings =
          new DemoSettings(
              images,
              model,
              Optional.ofNullable(labels),
              Optional.ofNullable(batchSize),
              Duration.ofSeconds(timeoutSeconds),
              keepRunning,
              Optional.ofNullable(schemaRegistry));
      return new Demo(settings, spec.commandLine().getOut()).run();
    } catch (IllegalArgumentException | IllegalStateException | UncheckedIOException e) {
      spec.commandLine().getErr().println("demo: " + e.getMessage());
      return 2;
    }
  }
}
