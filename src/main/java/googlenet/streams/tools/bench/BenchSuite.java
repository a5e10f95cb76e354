package googlenet.streams.tools.bench;

import googlenet.streams.config.GnsConfig;
import googlenet.streams.image.DecoderMode;
import googlenet.streams.image.ImageLimits;
import googlenet.streams.image.ImagePreprocessor;
import googlenet.streams.image.PreprocessProfile;
import googlenet.streams.inference.InferenceEngine;
import googlenet.streams.inference.InferenceException;
import googlenet.streams.inference.OnnxInferenceEngine;
import googlenet.streams.service.Pipeline;
import googlenet.streams.tools.TempDir;
import googlenet.streams.tools.bench.BenchSettings.Stage;
import googlenet.streams.tools.broker.EmbeddedKafkaBroker;
import java.io.PrintWriter;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Runs the stages of the benchmark in one JVM with one engine (so one set of ONNX Runtime threads)
 * and one pool of images, and assembles the {@link BenchReport}. Stages that need Kafka share one
 * in-JVM KRaft broker and one pre-produced input topic.
 *
 * @param settings how the run is set up
 * @param progress receives a line per figure as it is measured
 */
public record BenchSuite(BenchSettings settings, PrintWriter progress) {
  /** Width of the benchmark's JPEGs. */
  public static final int IMAGE_WIDTH = 640;

  /** Height of the benchmark's JPEGs. */
  public static final int IMAGE_HEIGHT = 480;

  static final String INPUT_TOPIC = "bench-in";

  /** The backfill's input when {@link #INPUT_TOPIC} is too small for it. */
  static final String BACKFILL_INPUT_TOPIC = "bench-in-backfill";

  /** Runs every selected stage and returns the report (nothing is written). */
  public BenchReport run() throws InferenceException {
    long start = System.nanoTime();
    String startedAt = java.time.Instant.now().toString();
    String loadStart = Machine.loadAverage();
    BenchImages images = BenchImages.generate(settings.quick() ? 8 : 16, IMAGE_WIDTH, IMAGE_HEIGHT);
    List<Throughput> measured = new ArrayList<>();
    List<Latency> latencies = new ArrayList<>();
    try (OnnxInferenceEngine engine = EngineStage.open(settings.model(), settings)) {
      say("engine: %s on %s, load average %s", engine.model().name(), engine.provider(), loadStart);
      EngineStage engineStage = engineStage(engine, images, measured);
      classifierStage(engine, images, measured);
      String warmUp = null;
      if (settings.stages().stream().anyMatch(Stage::usesKafka)) {
        warmUp = kafkaStages(engine, images, expectedRate(measured), measured, latencies);
        if (engineStage != null) {
          Throughput end = engineStage.remeasure(ceiling(measured), settings.engineSeconds());
          report(end);
          measured.add(end);
        }
      }
      Header header =
          ReportHeader.of(settings, engine, images, loadStart, startedAt, start, warmUp);
      return ReportAssembly.of(
          settings, header, settings.smallModel(engine.model().name()), measured, latencies);
    }
  }

  /** The best stage-1 figure, or null. */
  static Throughput ceiling(List<Throughput> measured) {
    List<Throughput> engine = measured.stream().filter(t -> t.stage() == 1).toList();
    return engine.isEmpty() ? null : EngineStage.best(engine);
  }

  /** The ceiling's images/s, what the bounds of the later stages are sized from; 10 when none. */
  private static double expectedRate(List<Throughput> measured) {
    Throughput ceiling = ceiling(measured);
    return ceiling == null ? 10 : ceiling.imagesPerSecond();
  }

  private EngineStage engineStage(
      InferenceEngine engine, BenchImages images, List<Throughput> measured)
      throws InferenceException {
    if (!settings.runs(Stage.ENGINE)) {
      return null;
    }
    ImagePreprocessor preprocessor =
        new ImagePreprocessor(PreprocessProfile.CAFFE_BGR, ImageLimits.DEFAULT, DecoderMode.AUTO);
    int max = Collections.max(settings.engineBatches());
    List<FloatBuffer> tensors = new ArrayList<>();
    for (int t = 0; t < settings.streamThreads(); t++) {
      tensors.add(Tensors.preprocessed(images, preprocessor, max));
    }
    EngineStage stage = new EngineStage(engine, tensors);
    List<Throughput> figures = stage.measure(settings.engineBatches(), settings.engineSeconds());
    figures.forEach(this::report);
    measured.addAll(figures);
    Throughput best = EngineStage.best(figures);
    say("ceiling so far: %s, %.1f images/s", best.id(), best.imagesPerSecond());
    return stage;
  }

  /** Stage 2: the service's classifier at the default batch size, fed without Kafka. */
  private void classifierStage(
      InferenceEngine engine, BenchImages images, List<Throughput> measured) {
    if (!settings.runs(Stage.PREPROCESS)) {
      return;
    }
    DecodeCpu decode = new DecodeCpu();
    GnsConfig config = GnsConfig.fromMap(settings.classifierKeys(settings.defaultBatch()));
    try (Pipeline pipeline = Pipeline.around(engine, config, decode)) {
      int inFlight = 2 * settings.defaultBatch() * settings.streamThreads();
      int n = settings.images();
      Throughput t =
          new PreprocessStage(pipeline.classifier(), decode, images)
              .measure(n, inFlight, Bounds.forRate(n, expectedRate(measured)));
      report(t);
      measured.add(t);
    } catch (googlenet.streams.service.StartupException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  /** Runs the Kafka stages; returns what their warm-up did ({@link WarmUp#describe}). */
  private String kafkaStages(
      InferenceEngine engine,
      BenchImages images,
      double expected,
      List<Throughput> measured,
      List<Latency> latencies) {
    int n = settings.images();
    try (TempDir state = TempDir.create("gns-bench-state-");
        EmbeddedKafkaBroker broker = BrokerCpu.start()) {
      KafkaContext context = new KafkaContext(broker, engine, images, settings, state.path());
      KafkaStages kafka = new KafkaStages(context);
      kafka.preProduce(INPUT_TOPIC, n);
      say("pre-produced %d images to %s (%d partitions)", n, INPUT_TOPIC, settings.partitions());
      String warmUp = kafka.warmUp(variants().get(0), INPUT_TOPIC, n, expected).describe(n);
      say("warm-up (not reported): %s", warmUp);
      Throughput pipeline = null;
      if (settings.runs(Stage.PIPELINE)) {
        for (Variant v : variants()) {
          Throughput t = add(kafka.pipeline(v, INPUT_TOPIC, n, expected), measured);
          pipeline = pipeline == null ? t : pipeline;
        }
        measureBufferAgain(kafka, n, expected, measured);
      }
      if (settings.runs(Stage.NAIVE)) {
        add(kafka.naive(INPUT_TOPIC, n, expected), measured);
      }
      if (settings.runs(Stage.CONSUMER)) {
        add(kafka.consumerLoop(INPUT_TOPIC, n, expected), measured);
      }
      if (settings.runs(Stage.LATENCY)) {
        boolean rated = pipeline != null && pipeline.imagesPerSecond() > 0;
        double max = rated ? pipeline.imagesPerSecond() : expected * 0.8;
        latencies(new LatencyStage(context), max, latencies);
      }
      if (settings.runs(Stage.BACKFILL)) {
        add(backfill(kafka, context, n, expected), measured);
      }
      return warmUp;
    }
  }

  /**
   * Stage 6 over the input topic, or over a larger one of its own when the input is too small for
   * the backfill's commits ({@link BackfillStage#images}).
   */
  private Throughput backfill(KafkaStages kafka, KafkaContext context, int n, double expected) {
    int images = BackfillStage.images(n, expected);
    String input = INPUT_TOPIC;
    if (images > n) {
      input = BACKFILL_INPUT_TOPIC;
      kafka.preProduce(input, images);
      say("pre-produced %d images to %s for the backfill", images, input);
    }
    return new BackfillStage(context).measure(input, "bench-out-backfill", images, expected);
  }

  private void latencies(LatencyStage stage, double max, List<Latency> latencies) {
    for (double fraction : settings.loads()) {
      Latency l = stage.measure(fraction, max * fraction);
      say(
          "%s: offered %.1f images/s, received %d/%d, p50 %.0f ms, p95 %.0f ms, p99 %.0f ms,"
              + " max %.0f ms",
          l.id(),
          l.offeredPerSecond(),
          l.received(),
          l.measured(),
          l.p50Ms(),
          l.p95Ms(),
          l.p99Ms(),
          l.maxMs());
      latencies.add(l);
    }
  }

  /**
   * The durable buffer's cost compares two figures that ran at different times, and a single pair
   * on a shared machine differs by up to 20% either way; a full run measures the pair again in the
   * reverse order (without changelog first), and the comparison uses the mean of both.
   */
  private void measureBufferAgain(
      KafkaStages kafka, int n, double expected, List<Throughput> measured) {
    if (settings.quick() || settings.defaultBatch() == 1) {
      return;
    }
    int batch = settings.defaultBatch();
    for (Variant v : List.of(Variant.of(batch, true, false), Variant.of(batch, true, true))) {
      add(kafka.pipeline(v, INPUT_TOPIC, n, expected, Comparison.AGAIN), measured);
    }
  }

  /**
   * The default variant first, then the other batch sizes, at-least-once, buffer without changelog.
   */
  List<Variant> variants() {
    int d = settings.defaultBatch();
    List<Variant> out = new ArrayList<>();
    out.add(Variant.of(d, true, true));
    for (int b : settings.otherBatches()) {
      if (b != d) {
        out.add(Variant.of(b, true, true));
      }
    }
    out.add(Variant.of(d, false, true));
    if (d > 1) {
      out.add(Variant.of(d, true, false));
    }
    return out;
  }

  private Throughput add(Throughput t, List<Throughput> measured) {
    report(t);
    measured.add(t);
    return t;
  }

  private void report(Throughput t) {
    say(
        "[%d] %-22s %8.1f images/s  %6.1f CPU ms/image  (%d images in %.1f s) %s",
        t.stage(),
        t.id(),
        t.imagesPerSecond(),
        t.cpuMsPerImage(),
        t.images(),
        t.seconds(),
        t.settings());
  }

  private void say(String format, Object... args) {
    progress.println(String.format(Locale.ROOT, format, args));
    progress.flush();
  }
}
