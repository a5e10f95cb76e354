package googlenet.streams.tools.bench;

import googlenet.streams.config.GnsConfig;
import googlenet.streams.config.GnsKeys;
import googlenet.streams.image.DecoderMode;
import googlenet.streams.image.ImageLimits;
import googlenet.streams.image.ImagePreprocessor;
import googlenet.streams.image.PreprocessProfile;
import googlenet.streams.inference.EngineConfig;
import googlenet.streams.inference.ExecutionProvider;
import googlenet.streams.inference.InferenceEngine;
import googlenet.streams.inference.InferenceException;
import googlenet.streams.inference.OnnxInferenceEngine;
import googlenet.streams.inference.SchedulerMetrics;
import googlenet.streams.model.ModelSource;
import googlenet.streams.service.Pipeline;
import googlenet.streams.service.StartupException;
import googlenet.streams.tools.bench.BenchSettings.Stage;
import googlenet.streams.tools.broker.EmbeddedKafkaBroker;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Runs the stages of the benchmark in one JVM with one engine (so one set of ONNX Runtime threads)
 * and one pool of images, and assembles the {@link BenchReport}. Stages that need Kafka share one
 * in-JVM KRaft broker and one pre-produced input topic.
 */
public final class BenchSuite {
  /** Width of the benchmark's JPEGs. */
  public static final int IMAGE_WIDTH = 640;

  /** Height of the benchmark's JPEGs. */
  public static final int IMAGE_HEIGHT = 480;

  static final String INPUT_TOPIC = "bench-in";

  /** Images of the unreported pipeline run before the first Kafka figure. */
  private static final int WARM_UP_IMAGES = 200;

  private final BenchSettings settings;
  private final PrintWriter progress;
  private final BackfillProbe backfill;

  /** A suite reporting progress lines to {@code progress}. */
  public BenchSuite(BenchSettings settings, PrintWriter progress, BackfillProbe backfill) {
    this.settings = settings;
    this.progress = progress;
    this.backfill = backfill;
  }

  /** Runs every selected stage and returns the report (nothing is written). */
  public BenchReport run() throws InferenceException {
    long start = System.nanoTime();
    String startedAt = java.time.Instant.now().toString();
    String loadStart = Machine.loadAverage();
    BenchImages images = BenchImages.generate(settings.quick() ? 8 : 16, IMAGE_WIDTH, IMAGE_HEIGHT);
    ImagePreprocessor preprocessor =
        new ImagePreprocessor(PreprocessProfile.CAFFE_BGR, ImageLimits.DEFAULT, DecoderMode.AUTO);
    List<Throughput> measured = new ArrayList<>();
    List<Latency> latencies = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    try (OnnxInferenceEngine engine = OnnxInferenceEngine.open(engineConfig())) {
      say("engine: %s on %s, load average %s", engine.model().name(), engine.provider(), loadStart);
      EngineStage engineStage = engineStages(engine, preprocessor, images, measured);
      Throughput first = ceiling(measured);
      if (settings.runs(Stage.PIPELINE)
          || settings.runs(Stage.NAIVE)
          || settings.runs(Stage.LATENCY)
          || settings.runs(Stage.BACKFILL)) {
        kafkaStages(engine, images, first, measured, latencies, notes);
        if (engineStage != null) {
          Throughput end = engineStage.remeasure(first, settings.engineSeconds());
          report(end);
          measured.add(end);
        }
      }
      Throughput ceiling = ceiling(measured);
      double ceilingRate = ceiling == null ? 0 : ceiling.imagesPerSecond();
      List<Figure> figures = measured.stream().map(t -> Figure.of(t, ceiling)).toList();
      notes.addAll(ReportNotes.standard(settings));
      Header header = ReportHeader.of(settings, engine, images, loadStart, startedAt, start);
      return new BenchReport(
          header,
          ceiling == null ? "none" : ceiling.id(),
          ceilingRate,
          figures,
          latencies,
          Targets.evaluate(
              figures,
              latencies,
              isSmall(engine.model().name()),
              Variant.of(settings.defaultBatch(), true, true).id(),
              Variant.of(settings.defaultBatch(), true, false).id(),
              settings.batchDelayMs(),
              batchInferenceMs(measured, ceilingRate)),
          notes);
    }
  }

  /**
   * The durable buffer's cost compares two figures that ran at different times, and a single pair
   * on a shared machine differs by up to 20% either way; a full run measures the pair again in the
   * reverse order (without changelog first), and the goal uses the mean of both.
   */
  private void measureBufferAgain(
      KafkaStages kafka, int n, double expected, List<Throughput> measured) {
    if (settings.quick() || settings.defaultBatch() == 1) {
      return;
    }
    int batch = settings.defaultBatch();
    for (Variant v : List.of(Variant.of(batch, true, false), Variant.of(batch, true, true))) {
      Throughput t = kafka.pipeline(v, INPUT_TOPIC, n, expected, Targets.AGAIN);
      report(t);
      measured.add(t);
    }
  }

  /** The best stage-1 figure, or null. */
  private static Throughput ceiling(List<Throughput> measured) {
    List<Throughput> engine = measured.stream().filter(t -> t.stage() == 1).toList();
    return engine.isEmpty() ? null : EngineStage.best(engine);
  }

  private EngineStage engineStages(
      OnnxInferenceEngine engine,
      ImagePreprocessor preprocessor,
      BenchImages images,
      List<Throughput> measured)
      throws InferenceException {
    EngineStage stage = null;
    if (settings.runs(Stage.ENGINE)) {
      int max = Collections.max(settings.engineBatches());
      List<java.nio.FloatBuffer> tensors = new ArrayList<>();
      for (int t = 0; t < settings.streamThreads(); t++) {
        tensors.add(Tensors.preprocessed(images, preprocessor, max));
      }
      stage = new EngineStage(engine, tensors);
      List<Throughput> figures = stage.measure(settings.engineBatches(), settings.engineSeconds());
      figures.forEach(this::report);
      measured.addAll(figures);
      Throughput best = EngineStage.best(figures);
      say("ceiling so far: %s, %.1f images/s", best.id(), best.imagesPerSecond());
    }
    if (settings.runs(Stage.PREPROCESS)) {
      try (Pipeline pipeline = Pipeline.around(engine, classifierConfig(), SchedulerMetrics.NONE)) {
        int inFlight = 2 * settings.defaultBatch() * settings.streamThreads();
        Throughput t =
            new PreprocessStage(pipeline.classifier(), images).measure(settings.images(), inFlight);
        report(t);
        measured.add(t);
      } catch (StartupException e) {
        throw new IllegalStateException(e.getMessage(), e);
      }
    }
    return stage;
  }

  /** The service's classifier settings at the bench's batch size, delay and model. */
  private GnsConfig classifierConfig() {
    return GnsConfig.fromMap(
        Map.of(
            GnsKeys.BATCH_MAX_SIZE,
            Integer.toString(settings.defaultBatch()),
            GnsKeys.BATCH_MAX_DELAY_MS,
            Long.toString(settings.batchDelayMs()),
            GnsKeys.MODEL_PATH,
            settings.model()));
  }

  private void kafkaStages(
      InferenceEngine engine,
      BenchImages images,
      Throughput ceiling,
      List<Throughput> measured,
      List<Latency> latencies,
      List<String> notes) {
    double expected = ceiling == null ? 10 : ceiling.imagesPerSecond();
    int n = settings.images();
    Path stateDir = tempDir();
    try (EmbeddedKafkaBroker broker = BrokerCpu.start()) {
      KafkaStages kafka = new KafkaStages(broker, engine, images, settings, stateDir);
      kafka.preProduce(INPUT_TOPIC, n);
      say("pre-produced %d images to %s (%d partitions)", n, INPUT_TOPIC, settings.partitions());
      int warm = Math.min(n, WARM_UP_IMAGES);
      kafka.warmUp(variants().get(0), INPUT_TOPIC, warm, expected);
      say("warm-up: %d images through the default pipeline (not reported)", warm);
      Optional<Throughput> best = Optional.empty();
      if (settings.runs(Stage.PIPELINE)) {
        for (Variant v : variants()) {
          Throughput t = kafka.pipeline(v, INPUT_TOPIC, n, expected);
          report(t);
          measured.add(t);
          if (v.equals(variants().get(0))) {
            best = Optional.of(t);
          }
        }
        measureBufferAgain(kafka, n, expected, measured);
      }
      if (settings.runs(Stage.NAIVE)) {
        Throughput t = kafka.naive(INPUT_TOPIC, n, expected);
        report(t);
        measured.add(t);
      }
      if (settings.runs(Stage.LATENCY)) {
        double max = best.map(Throughput::imagesPerSecond).orElse(expected * 0.8);
        for (double fraction : settings.loads()) {
          Latency l = kafka.latency(fraction, max * fraction);
          say(
              "%s: offered %.1f images/s, p50 %.0f ms, p95 %.0f ms, p99 %.0f ms, max %.0f ms",
              l.id(), l.offeredPerSecond(), l.p50Ms(), l.p95Ms(), l.p99Ms(), l.maxMs());
          latencies.add(l);
        }
      }
      if (settings.runs(Stage.BACKFILL)) {
        String output = "bench-out-backfill";
        broker.createTopics(settings.partitions(), output, output + ".dlq");
        Optional<Throughput> t =
            backfill.measure(broker.bootstrapServers(), engine, INPUT_TOPIC, output, n, stateDir);
        t.ifPresent(this::report);
        t.ifPresent(measured::add);
        if (t.isEmpty()) {
          notes.add("backfill: not available in this build (stage 6 skipped)");
          say("backfill: not available in this build");
        }
      }
    } finally {
      deleteQuietly(stateDir);
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

  private EngineConfig engineConfig() {
    return new EngineConfig(
        ModelSource.resolve(settings.model()),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        ExecutionProvider.CPU,
        0,
        Map.of(),
        settings.intraOpThreads(),
        0,
        EngineConfig.Softmax.AUTO,
        true);
  }

  /**
   * One default-size batch's inference time at the engine, in ms: the wall time of one run, so with
   * several calling threads sharing the cores, the threads times the batch over their joint rate.
   */
  private double batchInferenceMs(List<Throughput> measured, double ceiling) {
    double rate =
        measured.stream()
            .filter(t -> t.id().equals("engine-b" + settings.defaultBatch()))
            .mapToDouble(Throughput::imagesPerSecond)
            .findFirst()
            .orElse(ceiling);
    return rate > 0 ? settings.streamThreads() * settings.defaultBatch() * 1000.0 / rate : 0;
  }

  private boolean isSmall(String modelName) {
    return ModelSource.SYNTHETIC_SMALL.equals(settings.model()) || modelName.contains("-w8-");
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

  private static Path tempDir() {
    try {
      return Files.createTempDirectory("gns-bench-state-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temporary state directory", e);
    }
  }

  private static void deleteQuietly(Path dir) {
    try (var paths = Files.walk(dir)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      // a temporary directory; nothing more to do
    }
  }
}
