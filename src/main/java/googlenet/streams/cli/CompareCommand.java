package googlenet.streams.cli;

import googlenet.streams.avro.Classification;
import googlenet.streams.backfill.TimeBound;
import googlenet.streams.ops.ComparisonReport;
import googlenet.streams.ops.ModelComparison;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code compare}: how a shadow candidate labels the images the live model labelled. */
@Command(
    name = "compare",
    mixinStandardHelpOptions = true,
    description = {
      "Compare the live results with a shadow candidate's (shadow.topic) over a time range: top-1"
          + " agreement, top-k overlap and the differences of the top-1 probabilities, pairing the"
          + " classifications of the same input record.",
      "Exit status: 0 compared, 1 no pair found in the range, 2 usage or connection error."
    })
final class CompareCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin KafkaClientOptions kafka;
  @Mixin RegistryOptions registry;

  @Option(
      names = "--live",
      defaultValue = "classifications",
      description = "The live results' topic (default: ${DEFAULT-VALUE}).")
  String live;

  @Option(names = "--shadow", required = true, description = "The shadow candidate's topic.")
  String shadow;

  @Option(
      names = "--from",
      defaultValue = "earliest",
      description = "Start of the range: " + TimeBound.FORMATS + " (default: earliest).")
  String from;

  @Option(
      names = "--to",
      defaultValue = "now",
      description = "End of the range, exclusive, in the same formats (default: now).")
  String to;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      Instant start = TimeBound.parse("--from", from).instant().orElse(Instant.EPOCH);
      Instant end = TimeBound.parse("--to", to).instant().orElse(Instant.now());
      Properties client = kafka.clientProperties();
      ModelComparison comparison =
          new ModelComparison(client, registry.serdes(client).reader(Classification.class));
      ComparisonReport report = comparison.compare(live, shadow, start, end);
      report.lines().forEach(out::println);
      if (report.pairs() == 0) {
        err.println(
            "compare: no input record has a classification in both "
                + live
                + " and "
                + shadow
                + " between "
                + start
                + " and "
                + end
                + "; check the topic names and the range");
        return 1;
      }
      return 0;
    } catch (IllegalArgumentException | org.apache.kafka.common.KafkaException e) {
      err.println("compare: " + e.getMessage());
      return 2;
    } finally {
      out.flush();
      err.flush();
    }
  }
}
