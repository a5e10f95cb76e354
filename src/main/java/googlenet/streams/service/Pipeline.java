package googlenet.streams.service;

import googlenet.streams.config.GnsConfig;
import googlenet.streams.image.DecoderMode;
import googlenet.streams.image.ImageLimits;
import googlenet.streams.image.ImagePreprocessor;
import googlenet.streams.image.PreprocessProfile;
import googlenet.streams.inference.Classifier;
import googlenet.streams.inference.ClassifierSettings;
import googlenet.streams.inference.EngineConfig;
import googlenet.streams.inference.ExecutionProvider;
import googlenet.streams.inference.InferenceEngine;
import googlenet.streams.inference.InferenceException;
import googlenet.streams.inference.OnnxInferenceEngine;
import googlenet.streams.inference.SchedulerMetrics;
import googlenet.streams.label.Labels;
import googlenet.streams.model.ModelSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine and the classifier a configuration asks for: the one place a model is resolved, an
 * engine opened and a classifier started, for the service, a backfill, {@code classify} and the
 * tools. Closing stops the classifier, then closes the engine if this pipeline opened it.
 */
public final class Pipeline implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Pipeline.class);

  private final Classifier classifier;
  private final boolean ownsEngine;

  private Pipeline(Classifier classifier, boolean ownsEngine) {
    this.classifier = classifier;
    this.ownsEngine = ownsEngine;
  }

  /**
   * Opens the engine {@code config} names and starts a classifier on it.
   *
   * @throws StartupException saying what is wrong and what to do
   */
  public static Pipeline open(GnsConfig config, SchedulerMetrics metrics) throws StartupException {
    InferenceEngine engine = openEngine(config);
    try {
      return new Pipeline(startClassifier(config, engine, metrics), true);
    } catch (StartupException | RuntimeException e) {
      engine.close();
      throw e;
    }
  }

  /** A classifier on an engine the caller opened and closes. */
  public static Pipeline around(InferenceEngine engine, GnsConfig config, SchedulerMetrics metrics)
      throws StartupException {
    return new Pipeline(startClassifier(config, engine, metrics), false);
  }

  /**
   * Resolves {@code model.path} (generating a synthetic model on first use) and opens the engine on
   * the configured provider: the one engine loader.
   *
   * @throws StartupException saying what is wrong and what to do
   */
  public static InferenceEngine openEngine(GnsConfig config) throws StartupException {
    long start = System.nanoTime();
    Path model;
    try {
      model = ModelSource.resolve(config.modelSpec());
    } catch (IllegalArgumentException | UncheckedIOException e) {
      throw new StartupException(e.getMessage(), e);
    }
    try {
      InferenceEngine engine = OnnxInferenceEngine.open(engineConfig(config, model));
      LOG.info(
          "Model {} {} (sha256 {}) loaded from {} on {} in {} ms",
          engine.model().name(),
          engine.model().version(),
          engine.model().sha256(),
          model,
          engine.provider(),
          TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
      return engine;
    } catch (InferenceException | IllegalArgumentException e) {
      throw new StartupException("cannot load model " + model + ": " + e.getMessage(), e);
    }
  }

  /** How to open the engine on {@code model}, the file {@code model.path} names. */
  public static EngineConfig engineConfig(GnsConfig config, Path model) {
    return new EngineConfig(
        model,
        config.modelName(),
        config.modelVersion(),
        config.modelSha256(),
        ExecutionProvider.fromId(config.executionProvider()),
        config.cudaDeviceId(),
        config.cudaOptions(),
        config.intraOpThreads(),
        config.interOpThreads(),
        config.intraOpSpinning(),
        config.intraOpDynamicBlockBase(),
        EngineConfig.Softmax.valueOf(config.softmax().toUpperCase(Locale.ROOT)),
        config.modelWarmup());
  }

  private static Classifier startClassifier(
      GnsConfig config, InferenceEngine engine, SchedulerMetrics metrics) throws StartupException {
    Labels labels = labels(config, engine.model().classes());
    Optional<InferenceEngine> candidate = openCandidate(config);
    try {
      return candidate.isEmpty()
          ? Classifier.start(engine, preprocessor(config), labels, settings(config), metrics)
          : Classifier.start(
              engine,
              preprocessor(config),
              labels,
              settings(config),
              metrics,
              candidate.get(),
              config.shadowQueueMax());
    } catch (IllegalArgumentException | IllegalStateException e) {
      candidate.ifPresent(InferenceEngine::close);
      throw new StartupException(e.getMessage(), e); // e.g. image.decoder=native cannot load
    }
  }

  /**
   * The shadow candidate {@code shadow.model.path} names, opened like the live model but named and
   * versioned by its own file.
   */
  private static Optional<InferenceEngine> openCandidate(GnsConfig config) throws StartupException {
    Optional<String> spec = config.shadowModelSpec();
    if (spec.isEmpty()) {
      return Optional.empty();
    }
    try {
      Path file = ModelSource.resolve(spec.get());
      EngineConfig live = engineConfig(config, file);
      InferenceEngine candidate =
          OnnxInferenceEngine.open(
              new EngineConfig(
                  file,
                  Optional.empty(),
                  Optional.empty(),
                  Optional.empty(),
                  live.provider(),
                  live.deviceId(),
                  live.cudaOptions(),
                  live.intraOpThreads(),
                  live.interOpThreads(),
                  live.intraOpSpinning(),
                  live.dynamicBlockBase(),
                  live.softmax(),
                  true));
      LOG.info(
          "Shadow candidate {} {} (sha256 {}) loaded from {}: its labels go to {}",
          candidate.model().name(),
          candidate.model().version(),
          candidate.model().sha256(),
          file,
          config.shadowTopic());
      return Optional.of(candidate);
    } catch (InferenceException | IllegalArgumentException | UncheckedIOException e) {
      throw new StartupException(
          "cannot load the shadow model "
              + spec.get()
              + ": "
              + e.getMessage()
              + "; fix shadow.model.path or leave it empty",
          e);
    }
  }

  /**
   * The preprocessing profile, limits and JPEG decoder of {@code config}.
   *
   * @throws IllegalStateException when {@code image.decoder=native} and the native library cannot
   *     load on this machine
   */
  public static ImagePreprocessor preprocessor(GnsConfig config) {
    return new ImagePreprocessor(
        PreprocessProfile.fromId(config.preprocessProfile()),
        new ImageLimits(config.imageMaxBytes(), config.imageMaxPixels()),
        DecoderMode.fromId(config.imageDecoder()));
  }

  /** Batching and threads of {@code config}. */
  public static ClassifierSettings settings(GnsConfig config) {
    return new ClassifierSettings(
        config.topK(),
        config.batchMaxSize(),
        config.batchMaxDelay(),
        config.decodeThreads(),
        config.concurrentRuns());
  }

  /**
   * The labels of a model with {@code classes} outputs: {@code labels.path} when set; otherwise
   * {@code synset.txt} beside the model file when there is one (as {@code model fetch} lays them
   * out); otherwise {@link Labels#defaultFor}.
   *
   * @throws StartupException naming the file when it cannot be read or parsed
   */
  public static Labels labels(GnsConfig config, int classes) throws StartupException {
    Optional<Path> file = config.labelsPath().or(() -> besideModel(config.modelSpec()));
    if (file.isEmpty()) {
      return Labels.defaultFor(classes);
    }
    try {
      return Labels.load(file.get());
    } catch (IOException | IllegalArgumentException e) {
      throw new StartupException(
          "cannot read labels from "
              + file.get()
              + " ("
              + e.getMessage()
              + "); fix labels.path"
              + " or leave it empty",
          e);
    }
  }

  private static Optional<Path> besideModel(String spec) {
    if (ModelSource.isSynthetic(spec)) {
      return Optional.empty();
    }
    Path beside = Path.of(spec).toAbsolutePath().resolveSibling("synset.txt");
    return Files.isRegularFile(beside) ? Optional.of(beside) : Optional.empty();
  }

  /** The engine serving now, shared by every stream thread. */
  public InferenceEngine engine() {
    return classifier.engine();
  }

  /** The classifier every caller hands its images to. */
  public Classifier classifier() {
    return classifier;
  }

  /**
   * Stops the classifier, then closes the engine serving now when this pipeline opened it (an
   * engine swapped in later is this pipeline's too).
   */
  @Override
  public void close() {
    classifier.close();
    classifier.shadowCandidate().ifPresent(InferenceEngine::close);
    if (ownsEngine) {
      classifier.engine().close();
    }
  }
}
