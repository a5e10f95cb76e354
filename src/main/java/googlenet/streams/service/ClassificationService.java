package googlenet.streams.service;

import googlenet.streams.config.GnsConfig;
import googlenet.streams.inference.InferenceEngine;
import googlenet.streams.inference.InferenceException;
import googlenet.streams.inference.OnnxInferenceEngine;
import googlenet.streams.model.ModelSource;
import googlenet.streams.ops.ServiceOps;
import googlenet.streams.topology.ClassificationTopology;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The classification service: one inference engine, opened once and shared by every stream thread,
 * behind one Kafka Streams instance running {@link ClassificationTopology}.
 *
 * <p>Lifecycle: {@link #create} (resolves the model, opens the engine, builds the topology), {@link
 * #start}, {@link #awaitStop} (blocks until the streams instance stops, by {@link #close} or by a
 * fatal error), {@link #close}. A stream thread's uncaught exception is fatal: the instance shuts
 * down ({@code SHUTDOWN_CLIENT}) and {@link #awaitStop} returns the failure.
 */
public final class ClassificationService implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ClassificationService.class);

  /** How long {@link #close()} waits for the stream threads. */
  public static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

  private final InferenceEngine engine;
  private final KafkaStreams streams;
  private final StreamsWatcher watcher;
  private final ServiceOps ops;
  private final TransactionFencing fencing;
  private boolean closed;

  private ClassificationService(
      InferenceEngine engine,
      KafkaStreams streams,
      StreamsWatcher w,
      ServiceOps ops,
      TransactionFencing fencing) {
    this.engine = engine;
    this.streams = streams;
    this.watcher = w;
    this.ops = ops;
    this.fencing = fencing;
  }

  /**
   * Resolves the model, opens the engine and builds the streams instance, without starting it.
   *
   * @throws StartupException when the model cannot be resolved or loaded, or the configuration
   *     cannot make a streams instance; the message says what to do
   */
  public static ClassificationService create(GnsConfig config) throws StartupException {
    LOG.info("Configuration: {}", config.redacted());
    ServiceOps ops = openOps(config);
    InferenceEngine engine;
    TransactionFencing fencing = null;
    try {
      Path model = resolveModel(config);
      // Issue 16: end the open transactions of this instance's crashed earlier run before the
      // model loads (they hide the output from readers until then); the streams instance's
      // producers then take this instance's transactional ids.
      fencing = fence(config, ops);
      engine = openEngine(config, model);
    } catch (StartupException e) {
      if (fencing != null) {
        fencing.close();
      }
      ops.close();
      throw e;
    }
    ops.engineOpened(engine);
    try {
      Topology topology = ClassificationTopology.build(config, engine, ops.metrics());
      KafkaStreams streams = new KafkaStreams(topology, config.streamsProperties(), fencing);
      StreamsWatcher watcher = new StreamsWatcher(config.inputTopic());
      ops.watch(streams, watcher, watcher);
      return new ClassificationService(engine, streams, watcher, ops, fencing);
    } catch (KafkaException | IllegalArgumentException | UncheckedIOException e) {
      fencing.close();
      engine.close();
      ops.close();
      throw new StartupException("cannot set up Kafka Streams: " + e.getMessage(), e);
    }
  }

  private static TransactionFencing fence(GnsConfig config, ServiceOps ops)
      throws StartupException {
    try {
      return TransactionFencing.atStart(config.streamsProperties(), ops.metrics());
    } catch (KafkaException e) {
      throw new StartupException("cannot set up Kafka Streams: " + e.getMessage(), e);
    }
  }

  private static ServiceOps openOps(GnsConfig config) throws StartupException {
    try {
      return ServiceOps.create(config);
    } catch (UncheckedIOException e) {
      throw new StartupException(e.getMessage(), e);
    }
  }

  private static Path resolveModel(GnsConfig config) throws StartupException {
    try {
      return ModelSource.resolve(config.modelSpec());
    } catch (IllegalArgumentException | UncheckedIOException e) {
      throw new StartupException(e.getMessage(), e);
    }
  }

  private static InferenceEngine openEngine(GnsConfig config, Path model) throws StartupException {
    long start = System.nanoTime();
    try {
      InferenceEngine engine = OnnxInferenceEngine.open(config.engineConfig(model));
      LOG.info(
          "Model {} {} (sha256 {}) loaded from {} on {} in {} ms",
          engine.model().name(),
          engine.model().version(),
          engine.model().sha256(),
          model,
          engine.provider(),
          TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
      return engine;
    } catch (InferenceException e) {
      throw new StartupException("cannot load model " + model + ": " + e.getMessage(), e);
    }
  }

  /** Starts the stream threads; returns at once. */
  public void start() {
    streams.start();
  }

  /** The inference engine, shared by all stream threads. */
  public InferenceEngine engine() {
    return engine;
  }

  /** Metrics, health and the address of their HTTP endpoint. */
  public ServiceOps ops() {
    return ops;
  }

  /** The state of the streams instance. */
  public KafkaStreams.State state() {
    return streams.state();
  }

  /**
   * Blocks until the streams instance stops.
   *
   * @return the fatal error that stopped it, or empty after a requested close
   */
  public Optional<Throwable> awaitStop() throws InterruptedException {
    watcher.stopped().await();
    return watcher.failure();
  }

  /**
   * Waits at most {@code timeout} for the streams instance to stop.
   *
   * @return true when it stopped
   */
  public boolean awaitStop(Duration timeout) throws InterruptedException {
    return watcher.stopped().await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** The fatal error that stopped the instance, if any, as one line for people. */
  public Optional<String> failureMessage() {
    return watcher.failure().map(watcher::describe);
  }

  /** The fatal error that stopped the instance, if any. */
  public Optional<Throwable> failure() {
    return watcher.failure();
  }

  /** Closes with {@link #CLOSE_TIMEOUT}. */
  @Override
  public void close() {
    close(CLOSE_TIMEOUT);
  }

  /**
   * Closes the streams instance (buffered records stay in their changelogged store for the next
   * owner), then the engine, unless a stream thread is still running after {@code timeout}: then
   * the engine is left open, since a thread may still use it. Idempotent; thread-safe.
   */
  public synchronized void close(Duration timeout) {
    if (closed) {
      return;
    }
    closed = true;
    ops.shuttingDown();
    long start = System.nanoTime();
    boolean stopped = streams.close(timeout);
    if (stopped) {
      fencing.close();
      engine.close();
      LOG.info(
          "Service stopped in {} ms", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
    } else {
      LOG.warn(
          "Stream threads still running {} s after close; leaving the inference engine open",
          timeout.toSeconds());
    }
    ops.close();
    watcher.stopped().countDown();
  }
}
