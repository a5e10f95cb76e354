package googlenet.streams.cli;

import googlenet.streams.tools.bench.BenchReport;
import googlenet.streams.tools.bench.BenchSettings;
import googlenet.streams.tools.bench.BenchSettings.Stage;
import googlenet.streams.tools.bench.BenchSuite;
import googlenet.streams.tools.bench.ReportFiles;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The {@code bench} command group. Plain {@code bench} runs the whole suite ({@link BenchSuite}:
 * raw engine ceiling, the classifier without Kafka, the pipeline end to end on the in-JVM broker,
 * the naive and consumer-loop baselines, latency at fixed loads, backfill) and writes its report;
 * {@code bench inference} measures raw ONNX Runtime throughput alone; {@code bench preprocess}
 * compares the ImageIO and native JPEG decoders.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description =
        "Benchmark suite: raw engine ceiling, decode + engine, the pipeline end to end with"
            + " exactly-once on an in-JVM Kafka broker, a naive and a plain consumer-loop"
            + " baseline, latency at 50%% and 80%% load, and backfill, in one run with the same"
            + " images and threads. Writes bench.json, bench.md, bench.png and bench-cpu.png to"
            + " --out and prints the tables. Subcommands: inference (raw engine only), preprocess"
            + " (ImageIO against the native JPEG decoder), soak (a steady load for a long time,"
            + " memory and latency sampled).",
    subcommands = {
      BenchInferenceCommand.class,
      BenchPreprocessCommand.class,
      BenchSoakCommand.class
    })
final class BenchCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--quick",
      description = "Small model, fewer images, shorter runs: about 2 minutes on 2 cores.")
  boolean quick;

  @Option(
      names = "--model",
      paramLabel = "synthetic|synthetic-small|FILE",
      description = "Model (default: synthetic; synthetic-small with --quick).")
  String model;

  @Option(
      names = "--images",
      paramLabel = "N",
      description = "Images per throughput figure (default: 600; 400 with --quick).")
  Integer images;

  @Option(
      names = "--out",
      defaultValue = "target/bench",
      paramLabel = "DIR",
      description = "Directory for bench.json, bench.md, bench.png (default: target/bench).")
  Path out;

  @Option(
      names = "--intra-op-threads",
      defaultValue = "0",
      description = "ONNX Runtime intra-op threads in every stage; 0 = one per core (default).")
  int intraOpThreads;

  @Option(
      names = "--stream-threads",
      description =
          "Kafka Streams threads, the calling threads of stages 1 and 2 and the consumer-loop"
              + " threads (default: the service's num.stream.threads default, 2).")
  Integer streamThreads;

  @Option(
      names = "--stages",
      split = ",",
      paramLabel = "STAGE",
      description =
          "Stages to run (default: all): engine, preprocess, pipeline, naive, consumer, latency,"
              + " backfill.")
  List<String> stages;

  @Option(
      names = "--set",
      paramLabel = "KEY=VALUE",
      description =
          "A configuration key (the service's or Kafka's) every Kafka stage's pipeline and the"
              + " backfill run with, e.g. --set commit.interval.ms=500 --set"
              + " producer.linger.ms=5; repeatable. Not the keys the bench sets per figure.")
  Map<String, String> set = new LinkedHashMap<>();

  @Option(names = "--engine-seconds", hidden = true, description = "Seconds per engine batch size.")
  Double engineSeconds;

  @Option(
      names = "--latency-seconds",
      hidden = true,
      description = "Measured seconds per latency load.")
  Double latencySeconds;

  @Option(
      names = "--warm-up-seconds",
      paramLabel = "SECONDS",
      description =
          "At most this many seconds of unreported runs of the default pipeline before the first"
              + " Kafka figure, stopping early once the JIT compiler takes under 0.5 CPU ms/image;"
              + " 0 for a single run (default: 90; 60 with --quick).")
  Double warmUpSeconds;

  @Option(
      names = "--pipeline-batches",
      split = ",",
      hidden = true,
      description = "Other batch sizes measured end to end.")
  List<Integer> pipelineBatches;

  @Override
  public Integer call() {
    return BenchExit.of(
        "bench",
        spec,
        out -> {
          BenchSettings settings = settings();
          out.printf(
              "bench: %s run, model %s, %d images per figure, results in %s%n",
              quick ? "quick" : "full", settings.model(), settings.images(), settings.out());
          BenchReport report = new BenchSuite(settings, out).run();
          String md = ReportFiles.write(report, settings.out());
          out.println();
          out.print(md);
          out.printf("%nwrote %s/{%s}%n", settings.out(), String.join(",", ReportFiles.NAMES));
        });
  }

  private BenchSettings settings() {
    String m = model != null ? model : quick ? "synthetic-small" : "synthetic";
    BenchSettings base = quick ? BenchSettings.quick(m, out) : BenchSettings.full(m, out);
    Set<Stage> chosen = EnumSet.allOf(Stage.class);
    if (stages != null) {
      chosen = EnumSet.noneOf(Stage.class);
      for (String s : stages) {
        chosen.add(Stage.fromId(s));
      }
    }
    return base.with(
        new BenchSettings.Overrides(
            images != null ? images : base.images(),
            intraOpThreads,
            streamThreads != null ? streamThreads : base.streamThreads(),
            chosen,
            engineSeconds != null ? engineSeconds : base.engineSeconds(),
            latencySeconds != null ? latencySeconds : base.latencySeconds(),
            warmUpSeconds != null ? warmUpSeconds : base.warmUpSeconds(),
            pipelineBatches != null ? pipelineBatches : base.otherBatches(),
            set));
  }
}
