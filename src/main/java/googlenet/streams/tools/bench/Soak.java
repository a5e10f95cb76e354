package googlenet.streams.tools.bench;

import googlenet.streams.image.DecoderMode;
import googlenet.streams.image.ImageLimits;
import googlenet.streams.image.ImagePreprocessor;
import googlenet.streams.image.PreprocessProfile;
import googlenet.streams.inference.InferenceException;
import googlenet.streams.inference.OnnxInferenceEngine;
import googlenet.streams.tools.TempDir;
import googlenet.streams.tools.broker.EmbeddedKafkaBroker;
import java.io.PrintWriter;
import java.nio.FloatBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code bench soak}: the default pipeline (exactly-once, batch 8) on the in-JVM broker at a steady
 * offered load for a long time, sampled every few seconds for memory (RSS, heap after GC, direct
 * buffers, native proxy), GC time, latency and throughput ({@link SoakRun}); the drift between the
 * first and the last quarter after the warm-up says whether anything grows ({@link SoakDrift}).
 *
 * <p>The load is a fraction of the pipeline's capacity, measured first over pre-produced images
 * after the bench's warm-up ({@link KafkaStages#warmUp}), as the bench's latency figures are: a
 * fraction of the raw engine's ceiling (also measured and reported) can exceed what the pipeline
 * sustains, and the soak would then measure a growing backlog instead of a steady state.
 *
 * @param settings how the run is set up
 * @param progress receives a line per step and per sample
 */
public record Soak(SoakSettings settings, PrintWriter progress) {
  private static final String CAPACITY_INPUT = "soak-capacity-in";

  /** Runs the soak and returns the report (nothing is written). */
  public SoakReport run() throws InferenceException {
    long start = System.nanoTime();
    String startedAt = Instant.now().toString();
    String loadStart = Machine.loadAverage();
    BenchSettings bench = settings.bench();
    BenchImages images = BenchImages.generate(16, BenchSuite.IMAGE_WIDTH, BenchSuite.IMAGE_HEIGHT);
    try (OnnxInferenceEngine engine = EngineStage.open(settings.model(), bench)) {
      say("engine: %s on %s, load average %s", engine.model().name(), engine.provider(), loadStart);
      double ceiling = ceiling(engine, images, bench);
      say("engine ceiling at batch %d: %.1f images/s", bench.defaultBatch(), ceiling);
      double capacity;
      String warmUp;
      SoakRun.Outcome outcome;
      try (TempDir state = TempDir.create("gns-soak-state-");
          EmbeddedKafkaBroker broker = BrokerCpu.start()) {
        KafkaContext kafka = new KafkaContext(broker, engine, images, bench, state.path());
        KafkaStages stages = new KafkaStages(kafka);
        int n = bench.images();
        stages.preProduce(CAPACITY_INPUT, n);
        warmUp = stages.warmUp(variant(bench), CAPACITY_INPUT, n, ceiling).describe(n);
        say("warm-up: %s", warmUp);
        capacity = capacity(stages, n, ceiling);
        double offered = settings.load() * capacity;
        say(
            "steady load: %.1f images/s (%.0f%% of the pipeline's %.1f) for %.1f min, a sample"
                + " every %.0f s",
            offered,
            settings.load() * 100,
            capacity,
            settings.minutes(),
            settings.intervalSeconds());
        outcome = new SoakRun(kafka, settings, progress).run(offered);
      }
      Header header = ReportHeader.of(bench, engine, images, loadStart, startedAt, start, warmUp);
      return new SoakReport(
          header,
          settings.minutes(),
          settings.load(),
          settings.intervalSeconds(),
          ceiling,
          capacity,
          settings.load() * capacity,
          outcome.sent(),
          outcome.received(),
          outcome.duplicates(),
          outcome.results(),
          outcome.samples(),
          SoakDrift.of(outcome.samples()));
    }
  }

  /** The raw engine at the default batch from as many calling threads as stream threads. */
  private static double ceiling(OnnxInferenceEngine engine, BenchImages images, BenchSettings bench)
      throws InferenceException {
    ImagePreprocessor preprocessor =
        new ImagePreprocessor(PreprocessProfile.CAFFE_BGR, ImageLimits.DEFAULT, DecoderMode.AUTO);
    List<FloatBuffer> tensors = new ArrayList<>();
    for (int t = 0; t < bench.streamThreads(); t++) {
      tensors.add(Tensors.preprocessed(images, preprocessor, bench.defaultBatch()));
    }
    return new EngineStage(engine, tensors)
        .measure(bench.defaultBatch(), bench.engineSeconds())
        .throughput()
        .imagesPerSecond();
  }

  /**
   * The default pipeline's images/s over the {@code n} pre-produced images, after the warm-up; 80%
   * of the engine ceiling when the run gave no rate (all its results in one poll).
   */
  private double capacity(KafkaStages stages, int n, double ceiling) {
    Throughput t = stages.pipeline(variant(stages.kafka().settings()), CAPACITY_INPUT, n, ceiling);
    say(
        "pipeline capacity (%s, %d images): %.1f images/s, results %s",
        t.id(), n, t.imagesPerSecond(), t.settings().get("results"));
    return t.imagesPerSecond() > 0 ? t.imagesPerSecond() : 0.8 * ceiling;
  }

  /** The default pipeline: exactly-once at the default batch, its buffer changelogged. */
  private static Variant variant(BenchSettings bench) {
    return Variant.of(bench.defaultBatch(), true, true);
  }

  private void say(String format, Object... args) {
    progress.println(String.format(Locale.ROOT, format, args));
    progress.flush();
  }
}
