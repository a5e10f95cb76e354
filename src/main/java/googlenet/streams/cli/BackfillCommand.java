package googlenet.streams.cli;

import googlenet.streams.backfill.Backfill;
import googlenet.streams.backfill.BackfillException;
import googlenet.streams.backfill.BackfillRequest;
import googlenet.streams.backfill.BackfillSummary;
import googlenet.streams.backfill.ProgressReporter;
import googlenet.streams.backfill.TimeBound;
import googlenet.streams.config.GnsConfig;
import googlenet.streams.config.GnsKeys;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.StreamsConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The {@code backfill} command. */
@Command(
    name = "backfill",
    mixinStandardHelpOptions = true,
    description = {
      "Re-label a bounded range of a topic beside the live service, then stop.",
      "Runs the live pipeline's stages under the application id googlenet-streams-backfill-NAME;"
          + " the range's offsets are fixed when NAME is first run and stored in the compacted"
          + " topic googlenet-streams-backfills. Run the same command again to resume."
    })
final class BackfillCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--name", required = true, description = "Names the backfill (resume key).")
  String name;

  @Option(names = "--input", required = true, description = "Topic to read images from.")
  String input;

  @Option(names = "--output", required = true, description = "Topic to write results to.")
  String output;

  @Option(
      names = "--dlq",
      description = "Dead-letter topic (default: OUTPUT.dlq, created if missing).")
  String dlq;

  @Option(
      names = "--from",
      defaultValue = "earliest",
      description = "Start: ISO-8601 time (2026-11-20T00:00:00Z), date, or earliest (default).")
  String from;

  @Option(
      names = "--to",
      defaultValue = "now",
      description = "End (exclusive): ISO-8601 time, date, or now (default).")
  String to;

  @Option(
      names = "--model",
      description = "Model: FILE, synthetic or synthetic-small (default: model.path).")
  String model;

  @Option(
      names = "--max-rate",
      defaultValue = "0",
      paramLabel = "IMAGES_PER_S",
      description = "Cap on images/s; 0 = none (default).")
  double maxRate;

  @Option(
      names = "--batch-size",
      defaultValue = "32",
      description = "Images per inference call (default: ${DEFAULT-VALUE}).")
  int batchSize;

  @Option(
      names = "--batch-delay-ms",
      defaultValue = "500",
      description =
          "Longest wait of a partial batch, at most 60000 (default: ${DEFAULT-VALUE}); the last"
              + " images of a partition's range run when the range ends, without waiting.")
  long batchDelayMs;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "Properties file (the service's); environment variables apply over it.")
  Path config;

  @Option(
      names = "--bootstrap-servers",
      paramLabel = "HOST:PORT[,...]",
      description = "Kafka brokers, over the configuration.")
  String bootstrapServers;

  @Option(
      names = "--metrics-port",
      defaultValue = "0",
      description =
          "Port of the metrics and health endpoint (metrics.address); 0 (default) picks a free"
              + " port, logged, so the backfill can run beside the live service; -1 for none.")
  int metricsPort;

  @Option(names = "--restart", description = "Start over: new range, offsets reset to its start.")
  boolean restart;

  @Option(
      names = "--progress-interval",
      defaultValue = "10",
      paramLabel = "SECONDS",
      description =
          "Seconds between progress log lines when not on a terminal (default: ${DEFAULT-VALUE}).")
  long progressSeconds;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    PrintWriter out = spec.commandLine().getOut();
    BackfillRequest request;
    GnsConfig base;
    try {
      request = request();
      base = baseConfig();
    } catch (IllegalArgumentException | ConfigException e) {
      err.println("backfill: " + e.getMessage());
      return 2;
    }
    ProgressReporter progress =
        ProgressReporter.forConsole(out, Duration.ofSeconds(Math.max(1, progressSeconds)));
    try {
      BackfillSummary summary = Backfill.run(request, base, progress);
      progress.finish();
      out.println(summary.describe());
      return 0;
    } catch (BackfillException e) {
      progress.finish();
      err.println("backfill: " + e.getMessage());
      return 1;
    }
  }

  private BackfillRequest request() {
    return new BackfillRequest(
        name,
        input,
        output,
        dlq == null ? output + ".dlq" : dlq,
        TimeBound.parse("--from", from),
        TimeBound.parse("--to", to),
        maxRate,
        batchSize,
        Duration.ofMillis(batchDelayMs),
        restart);
  }

  private GnsConfig baseConfig() {
    GnsConfig loaded = GnsConfig.load(Optional.ofNullable(config), System.getenv());
    Map<String, String> overrides = new HashMap<>();
    overrides.put(GnsKeys.METRICS_PORT, Integer.toString(metricsPort));
    if (bootstrapServers != null) {
      overrides.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    }
    if (model != null) {
      overrides.put(GnsKeys.MODEL_PATH, model);
    }
    return loaded.with(overrides);
  }
}
