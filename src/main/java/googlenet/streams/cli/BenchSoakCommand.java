package googlenet.streams.cli;

import googlenet.streams.config.GnsConfig;
import googlenet.streams.tools.bench.Soak;
import googlenet.streams.tools.bench.SoakFiles;
import googlenet.streams.tools.bench.SoakReport;
import googlenet.streams.tools.bench.SoakSettings;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bench soak}: the pipeline at a steady load for a long time, sampled (see {@link Soak}).
 */
@Command(
    name = "soak",
    mixinStandardHelpOptions = true,
    description =
        "The default pipeline (exactly-once, batch 8) on an in-JVM broker at a steady share of its"
            + " measured capacity for --minutes, sampling RSS, heap after GC, direct buffers,"
            + " ONNX Runtime's native memory (RSS minus the JVM's committed pools and direct"
            + " buffers), GC time, p50/p99 latency and throughput every --interval seconds."
            + " Writes soak.json and soak.png to --out and prints the drift between the first and"
            + " the last quarter after the warm-up (the first 20%% of the samples).")
final class BenchSoakCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--minutes",
      defaultValue = "30",
      paramLabel = "N",
      description = "Minutes of steady load (default: 30; fractions allowed).")
  double minutes;

  @Option(
      names = "--load",
      defaultValue = "0.8",
      paramLabel = "FRACTION",
      description = "Offered load as a share of the pipeline's measured capacity (default: 0.8).")
  double load;

  @Option(
      names = "--model",
      defaultValue = "synthetic",
      paramLabel = "synthetic|synthetic-small|FILE",
      description = "Model (default: synthetic, the full-size GoogLeNet).")
  String model;

  @Option(
      names = "--interval",
      defaultValue = "5",
      paramLabel = "SECONDS",
      description = "Seconds between samples (default: 5).")
  double interval;

  @Option(
      names = "--full-gc-every",
      defaultValue = "60",
      paramLabel = "SECONDS",
      description =
          "Force a full GC before a sample this often, to read the live heap (default: 60; 0 for"
              + " never).")
  double fullGcSeconds;

  @Option(
      names = "--capacity-images",
      defaultValue = "300",
      paramLabel = "N",
      description = "Images of the capacity measurement before the load (default: 300).")
  int capacityImages;

  @Option(
      names = "--warm-up-seconds",
      defaultValue = "90",
      paramLabel = "SECONDS",
      description =
          "At most this many seconds of unreported runs over those images before the capacity"
              + " measurement, stopping early once the JIT compiler takes under 0.5 CPU ms/image;"
              + " 0 for a single run (default: 90).")
  double warmUpSeconds;

  @Option(
      names = "--intra-op-threads",
      defaultValue = "0",
      description = "ONNX Runtime intra-op threads; 0 = one per core (default).")
  int intraOpThreads;

  @Option(
      names = "--stream-threads",
      description = "Kafka Streams threads (default: the service's default, 2).")
  Integer streamThreads;

  @Option(
      names = "--set",
      paramLabel = "KEY=VALUE",
      description =
          "A configuration key (the service's or Kafka's) the pipeline runs with, as bench --set"
              + " takes it, e.g. --set intra.op.spinning=true; repeatable.")
  Map<String, String> set = new LinkedHashMap<>();

  @Option(
      names = "--out",
      defaultValue = "target/soak",
      paramLabel = "DIR",
      description = "Directory for soak.json and soak.png (default: target/soak).")
  Path out;

  @Override
  public Integer call() {
    return BenchExit.of(
        "bench soak",
        spec,
        out -> {
          SoakSettings settings =
              new SoakSettings(
                  model,
                  minutes,
                  load,
                  interval,
                  fullGcSeconds,
                  capacityImages,
                  warmUpSeconds,
                  intraOpThreads,
                  streamThreads != null ? streamThreads : GnsConfig.defaultStreamThreads(),
                  set,
                  this.out);
          SoakReport report = new Soak(settings, out).run();
          SoakFiles.write(report, settings.out());
          out.println();
          out.print(SoakFiles.summary(report));
          out.printf("wrote %s/{%s}%n", settings.out(), String.join(",", SoakFiles.NAMES));
        });
  }
}
