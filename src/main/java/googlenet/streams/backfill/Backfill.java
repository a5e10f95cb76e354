package googlenet.streams.backfill;

import googlenet.streams.config.GnsConfig;
import googlenet.streams.config.GnsKeys;
import googlenet.streams.inference.InferenceEngine;
import googlenet.streams.ops.ServiceOps;
import googlenet.streams.serde.RecordSerdes;
import googlenet.streams.service.Pipeline;
import googlenet.streams.service.StartupException;
import googlenet.streams.topology.ClassificationTopology;
import googlenet.streams.topology.TopologySpec;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-labels a bounded range of a topic beside the live service, then stops: the entry point of the
 * {@code backfill} command and of in-process callers such as the benchmark.
 *
 * <p>A backfill runs the live service's topology ({@link ClassificationTopology}, the same decode,
 * batch, infer and label stages) with the backfill's topics, larger batches, and an admission
 * processor that keeps to the offset range and the rate limit, under its own application id {@code
 * googlenet-streams-backfill-<name>}: the live consumer group is never read or moved. Its
 * definition (topics, range, per-partition start and end offsets) is stored under its name in the
 * compacted topic {@value DefinitionStore#DEFAULT_TOPIC} before it starts, so a run of the same
 * name continues from the group's committed offsets up to the same end offsets.
 */
public final class Backfill {
  private static final Logger LOG = LoggerFactory.getLogger(Backfill.class);

  private static final String TRANSACTION_TIMEOUT = "transaction.timeout.ms";
  private static final String PRODUCER_TRANSACTION_TIMEOUT = "producer." + TRANSACTION_TIMEOUT;

  /**
   * Default transaction timeout of a backfill: large batches of a full model on a busy CPU can keep
   * a transaction open longer than Kafka Streams' 10 s default, which would fence the producer and
   * redo the work.
   */
  static final long TRANSACTION_TIMEOUT_MS = 120_000;

  /**
   * Commit interval of a backfill unless configured: a second (the service's exactly-once default
   * too), and a backfill's tasks ask for no commit after writing results, because a backfill is
   * read for throughput, not latency, and every commit is a transaction that costs CPU on both the
   * client and the broker.
   */
  public static final long COMMIT_INTERVAL_MS = 1_000;

  private final BackfillRequest request;
  private final GnsConfig config;
  private final Duration pollInterval;

  private Backfill(BackfillRequest request, GnsConfig config, Duration pollInterval) {
    this.request = request;
    this.config = config;
    this.pollInterval = pollInterval;
  }

  /**
   * Runs {@code request} to its end with the model {@code base} names: plans (writing nothing when
   * the request is refused), opens the engine, runs, and returns what this run did.
   *
   * @param base the service configuration: Kafka connection, model, preprocessing; the topics,
   *     batching and application id are the backfill's own
   * @param progress receives progress about once a second
   * @throws BackfillException when the request is refused (nothing written) or the run fails
   */
  public static BackfillSummary run(
      BackfillRequest request, GnsConfig base, Consumer<BackfillProgress> progress)
      throws BackfillException {
    Backfill backfill = new Backfill(request, configure(request, base), Duration.ofSeconds(1));
    return backfill.execute(progress, Optional.empty());
  }

  /** Like {@link #run(BackfillRequest, GnsConfig, Consumer)} on an engine the caller opened. */
  public static BackfillSummary run(
      BackfillRequest request,
      GnsConfig base,
      InferenceEngine engine,
      Consumer<BackfillProgress> progress)
      throws BackfillException {
    Backfill backfill = new Backfill(request, configure(request, base), Duration.ofSeconds(1));
    return backfill.execute(progress, Optional.of(engine));
  }

  /**
   * The backfill's configuration: {@code base} without its routing rules (historic results must not
   * re-trigger live alerts), with the backfill's topics, batching, application id, a static group
   * member id equal to the application id (a restarted run takes over at once, and a second
   * concurrent run of the same name fences the first), and a long transaction timeout unless one is
   * configured.
   */
  static GnsConfig configure(BackfillRequest request, GnsConfig base) throws BackfillException {
    Map<String, String> overrides = new HashMap<>();
    overrides.put(GnsKeys.INPUT_TOPIC, request.inputTopic());
    overrides.put(GnsKeys.OUTPUT_TOPIC, request.outputTopic());
    overrides.put(GnsKeys.DLQ_TOPIC, request.dlqTopic());
    overrides.put(GnsKeys.BATCH_MAX_SIZE, Integer.toString(request.batchSize()));
    overrides.put(GnsKeys.BATCH_MAX_DELAY_MS, Long.toString(request.batchDelay().toMillis()));
    overrides.put(StreamsConfig.APPLICATION_ID_CONFIG, request.applicationId());
    try {
      GnsConfig config = base.withoutRoutes().with(overrides);
      Properties props = config.streamsProperties();
      Map<String, String> defaults = new HashMap<>();
      defaults.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, request.applicationId());
      if (!props.containsKey(TRANSACTION_TIMEOUT)
          && !props.containsKey(PRODUCER_TRANSACTION_TIMEOUT)) {
        defaults.put(PRODUCER_TRANSACTION_TIMEOUT, Long.toString(TRANSACTION_TIMEOUT_MS));
      }
      if (!props.containsKey(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG)) {
        defaults.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, Long.toString(COMMIT_INTERVAL_MS));
      }
      return config.with(defaults);
    } catch (ConfigException e) {
      throw new BackfillException(e.getMessage(), e);
    }
  }

  private BackfillSummary execute(
      Consumer<BackfillProgress> progress, Optional<InferenceEngine> given)
      throws BackfillException {
    Properties props = config.streamsProperties();
    Map<String, Object> client =
        new HashMap<>(new StreamsConfig(props).getAdminConfigs(request.applicationId() + "-admin"));
    try (Admin admin = Admin.create(client)) {
      DefinitionStore store = new DefinitionStore(admin, client, DefinitionStore.DEFAULT_TOPIC);
      GroupOffsets group = new GroupOffsets(admin, request.applicationId());
      Planner.Plan plan = new Planner(admin, store, group, Clock.systemUTC()).plan(request);
      try (ServiceOps ops = openOps();
          Pipeline pipeline = openPipeline(given, ops)) {
        ops.engineOpened(pipeline.engine());
        new Preparation(admin, store, group).prepare(request, plan);
        return run(admin, client, group, plan, pipeline, ops, progress);
      }
    } catch (KafkaException e) {
      throw new BackfillException("Kafka failed: " + e.getMessage(), e);
    }
  }

  private BackfillSummary run(
      Admin admin,
      Map<String, Object> client,
      GroupOffsets group,
      Planner.Plan plan,
      Pipeline pipeline,
      ServiceOps ops,
      Consumer<BackfillProgress> progress)
      throws BackfillException {
    RecordSerdes serdes = RecordSerdes.create(config.serdeSettings(), ops.registryListener());
    TopologySpec spec =
        TopologySpec.of(config, serdes)
            .withoutResultCommits()
            .withAdmission(
                RangeGates.supplier(request, plan.definition(), pipeline.classifier()::flush));
    Topology topology = ClassificationTopology.build(spec, pipeline.classifier(), ops.metrics());
    InferenceEngine engine = pipeline.engine();
    BackfillRun run =
        new BackfillRun(
            plan.definition(),
            group,
            new ResultCounter(admin, client, request.name()),
            client,
            config.exactlyOnce(),
            pollInterval,
            engine.model().name() + " version " + engine.model().version(),
            new ReadableWait(admin, readableWithin(config.streamsProperties()), Clock.systemUTC()));
    Consumer<BackfillProgress> reported =
        p -> {
          ops.metrics().backfillProgress(p.done(), p.total());
          progress.accept(p);
        };
    return run.execute(topology, config.streamsProperties(), plan.fresh(), reported, ops);
  }

  /**
   * How long the results may stay unreadable after the run: the transaction timeout, within which
   * the broker ends any transaction of a crashed writer, plus its 10 s check interval.
   */
  static Duration readableWithin(Properties props) {
    Object timeout =
        props.getOrDefault(PRODUCER_TRANSACTION_TIMEOUT, props.get(TRANSACTION_TIMEOUT));
    long ms = TRANSACTION_TIMEOUT_MS;
    try {
      ms = timeout == null ? ms : Long.parseLong(timeout.toString().trim());
    } catch (NumberFormatException e) {
      // Kafka Streams refuses the value with a message naming it when the run starts
    }
    return Duration.ofMillis(ms).plusSeconds(10);
  }

  private ServiceOps openOps() throws BackfillException {
    try {
      ServiceOps ops = ServiceOps.create(config);
      ops.httpAddress()
          .ifPresent(
              a ->
                  LOG.info(
                      "backfill {}: metrics and health at http://{}:{}/metrics",
                      request.name(),
                      a.getHostString(),
                      a.getPort()));
      return ops;
    } catch (UncheckedIOException e) {
      throw new BackfillException(
          e.getMessage() + "; pass --metrics-port with a free port, 0 for any, -1 for none", e);
    }
  }

  private Pipeline openPipeline(Optional<InferenceEngine> given, ServiceOps ops)
      throws BackfillException {
    try {
      Pipeline pipeline =
          given.isPresent()
              ? Pipeline.around(given.get(), config, ops.metrics())
              : Pipeline.open(config, ops.metrics());
      InferenceEngine engine = pipeline.engine();
      LOG.info(
          "backfill {}: model {} version {} (sha256 {}) on {}; every result carries this version",
          request.name(),
          engine.model().name(),
          engine.model().version(),
          engine.model().sha256(),
          engine.provider());
      return pipeline;
    } catch (StartupException e) {
      throw new BackfillException("cannot load the model: " + e.getMessage(), e);
    }
  }
}
