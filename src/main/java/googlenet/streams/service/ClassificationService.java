package googlenet.streams.service;

import googlenet.streams.config.GnsConfig;
import googlenet.streams.inference.InferenceEngine;
import googlenet.streams.model.ModelSource;
import googlenet.streams.ops.ServiceOps;
import googlenet.streams.serde.RecordSerdes;
import googlenet.streams.topology.ClassificationTopology;
import googlenet.streams.topology.ShadowOutput;
import googlenet.streams.topology.TopologySpec;
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
 * The classification service: one {@link Pipeline} (engine and classifier, opened once and shared
 * by every stream thread) behind one {@link StreamsRunner} running {@link ClassificationTopology}.
 *
 * <p>Lifecycle: {@link #create} (opens the pipeline, builds the topology), {@link #start}, {@link
 * #awaitStop} (blocks until the streams instance stops, by {@link #close} or by a fatal error),
 * {@link #close}. {@link #create} waits for the Kafka brokers when they do not answer yet ({@link
 * BrokerWatch}). A stream thread's transient failure (broker away, timeout, fenced transaction)
 * replaces the thread; any other uncaught exception is fatal: the instance shuts down and {@link
 * #awaitStop} returns the failure ({@link StreamsRunner}).
 */
public final class ClassificationService implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ClassificationService.class);

  private final GnsConfig config;
  private final Pipeline pipeline;
  private final StreamsRunner runner;
  private final ServiceOps ops;
  private final Optional<ShadowOutput> shadow;
  private ModelWatcher watcher;
  private boolean closed;

  private ClassificationService(
      GnsConfig config,
      Pipeline pipeline,
      StreamsRunner runner,
      ServiceOps ops,
      Optional<ShadowOutput> shadow) {
    this.config = config;
    this.shadow = shadow;
    this.pipeline = pipeline;
    this.runner = runner;
    this.ops = ops;
  }

  /**
   * Opens the pipeline and builds the streams instance, without starting it.
   *
   * <p>Blocks while the Kafka brokers do not answer, with a warning every few seconds naming them
   * and the cause, before it fences the earlier run's transactions and loads the model.
   *
   * @throws StartupException when the model cannot be resolved or loaded, the brokers refuse the
   *     credentials, or the configuration cannot make a streams instance; the message says what to
   *     do
   */
  public static ClassificationService create(GnsConfig config) throws StartupException {
    LOG.info("Configuration: {}", config.redacted());
    ServiceOps ops = openOps(config);
    Pipeline pipeline;
    TransactionFencing fencing = null;
    try {
      resolveModel(config);
      awaitBrokers(config, ops);
      // End the open transactions of this instance's crashed earlier run before the model loads:
      // until then they hide every instance's results on the partitions they wrote to.
      fencing = fence(config, ops);
      pipeline = Pipeline.open(config, ops.metrics());
    } catch (StartupException e) {
      if (fencing != null) {
        fencing.close();
      }
      ops.close();
      throw e;
    }
    ops.engineOpened(pipeline.engine());
    try {
      RecordSerdes serdes = RecordSerdes.create(config.serdeSettings(), ops.registryListener());
      TopologySpec spec = TopologySpec.of(config, serdes);
      if (pipeline.classifier().shadowCandidate().isPresent()) {
        spec =
            spec.withShadow(
                ShadowOutput.create(config, serdes, ops.metrics()), config.shadowFraction());
      }
      Topology topology = ClassificationTopology.build(spec, pipeline.classifier(), ops.metrics());
      StreamsRunner runner =
          new StreamsRunner(
              topology,
              config.streamsProperties(),
              "service",
              config.inputTopic(),
              "input.topic",
              ops,
              Optional.of(fencing));
      return new ClassificationService(
          config, pipeline, runner, ops, spec.shadow().map(TopologySpec.Shadow::output));
    } catch (KafkaException | IllegalArgumentException | UncheckedIOException e) {
      fencing.close();
      pipeline.close();
      ops.close();
      throw new StartupException("cannot set up Kafka Streams: " + e.getMessage(), e);
    }
  }

  /** Resolves {@code model.path} first, so a missing model fails at once. */
  private static void resolveModel(GnsConfig config) throws StartupException {
    try {
      ModelSource.resolve(config.modelSpec());
    } catch (IllegalArgumentException | UncheckedIOException e) {
      throw new StartupException(e.getMessage(), e);
    }
  }

  private static void awaitBrokers(GnsConfig config, ServiceOps ops) throws StartupException {
    try (BrokerWatch watch = BrokerWatch.create(config.streamsProperties(), "service")) {
      watch.awaitBrokers(ops);
    } catch (KafkaException e) {
      throw new StartupException("cannot set up a Kafka client: " + e.getMessage(), e);
    }
  }

  private static TransactionFencing fence(GnsConfig config, ServiceOps ops)
      throws StartupException {
    try {
      return TransactionFencing.atStart(
          config.streamsProperties(), ops.metrics()::openTransactionsAtStart);
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

  /**
   * Starts the stream threads and, for a model file, the watcher that switches to a new model
   * without a restart ({@code model.watch.interval.ms}); returns at once.
   */
  public synchronized void start() {
    runner.start();
    Duration interval = config.modelWatchInterval();
    if (!ModelSource.isSynthetic(config.modelSpec()) && !interval.isZero()) {
      Path file = ModelSource.resolve(config.modelSpec());
      watcher = ModelWatcher.start(config, file, interval, pipeline.classifier(), ops);
    }
  }

  /** The inference engine, shared by all stream threads. */
  public InferenceEngine engine() {
    return pipeline.engine();
  }

  /** Metrics, health and the address of their HTTP endpoint. */
  public ServiceOps ops() {
    return ops;
  }

  /** The state of the streams instance. */
  public KafkaStreams.State state() {
    return runner.state();
  }

  /**
   * Waits at most {@code timeout} for the streams instance to be running.
   *
   * @return true when it is
   */
  public boolean awaitRunning(Duration timeout) throws InterruptedException {
    return runner.awaitRunning(timeout);
  }

  /**
   * Blocks until the streams instance stops.
   *
   * @return the fatal error that stopped it, or empty after a requested close
   */
  public Optional<Throwable> awaitStop() throws InterruptedException {
    runner.awaitStop();
    return runner.failure();
  }

  /**
   * Waits at most {@code timeout} for the streams instance to stop.
   *
   * @return true when it stopped
   */
  public boolean awaitStop(Duration timeout) throws InterruptedException {
    return runner.awaitStop(timeout);
  }

  /** The fatal error that stopped the instance, if any, as one line for people. */
  public Optional<String> failureMessage() {
    return runner.failureMessage();
  }

  /** The fatal error that stopped the instance, if any. */
  public Optional<Throwable> failure() {
    return runner.failure();
  }

  /** Closes with {@code shutdown.timeout.ms}. */
  @Override
  public void close() {
    close(config.shutdownTimeout());
  }

  /**
   * Closes the streams instance (buffered records stay in their changelogged store for the next
   * owner), then the pipeline, unless a stream thread is still running after {@code timeout}: then
   * the pipeline is left open, since a thread may still use it. Idempotent; thread-safe.
   */
  public synchronized void close(Duration timeout) {
    if (closed) {
      return;
    }
    closed = true;
    ops.shuttingDown();
    if (watcher != null) {
      watcher.close();
    }
    long start = System.nanoTime();
    if (runner.close(timeout, false)) {
      pipeline.close();
      shadow.ifPresent(ShadowOutput::close);
      LOG.info(
          "Service stopped in {} ms", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
    } else {
      LOG.warn("Leaving the inference engine open: a stream thread may still use it");
    }
    ops.close();
  }
}
