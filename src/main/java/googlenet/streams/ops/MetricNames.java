package googlenet.streams.ops;

/**
 * Names of the googlenet-streams meters (Micrometer dotted form; Prometheus turns {@code
 * gns.images.classified} into {@code gns_images_classified_total} and timers into {@code
 * *_seconds}).
 */
public final class MetricNames {
  /** Counter: images classified. */
  public static final String IMAGES_CLASSIFIED = "gns.images.classified";

  /** Counter, tag {@code reason}: records sent to the dead-letter topic. */
  public static final String DEAD_LETTERS = "gns.dead.letters";

  /** Counter: inference runs. */
  public static final String BATCHES = "gns.batches";

  /** Histogram: images per inference run. */
  public static final String BATCH_SIZE = "gns.batch.size";

  /** Histogram (seconds): how long a batch's oldest image waited in the scheduler's queue. */
  public static final String BATCH_WAIT = "gns.batch.wait";

  /** Histogram (seconds): decode and preprocessing of one image on a decode thread. */
  public static final String DECODE = "gns.decode";

  /** Histogram (seconds): wall time of one inference run. */
  public static final String INFERENCE = "gns.inference";

  /** Histogram (seconds): input record timestamp to result send. */
  public static final String END_TO_END = "gns.end.to.end.latency";

  /** Gauge: records read and not yet written, in the tasks' changelogged buffers. */
  public static final String BUFFERED = "gns.buffered.records";

  /** Gauge, tag {@code provider}: 1 for the execution provider in use. */
  public static final String PROVIDER = "gns.execution.provider";

  /** Gauge: 1 when CUDA was asked for and the engine fell back to the CPU. */
  public static final String FALLBACK = "gns.execution.provider.fallback";

  /** Gauge, tags {@code name}, {@code version}, {@code sha256}: 1 for the loaded model. */
  public static final String MODEL_INFO = "gns.model.info";

  /** Counter: switches to a new model file without a restart. */
  public static final String MODEL_SWITCHES = "gns.model.switches";

  /** Counter: new model files refused (cannot load, or do not fit); the old model keeps serving. */
  public static final String MODEL_REFUSALS = "gns.model.refusals";

  /** Counter: shadow candidate classifications written to the shadow topic. */
  public static final String SHADOW_RESULTS = "gns.shadow.results";

  /** Counter, tag {@code reason}: images the shadow did not run or whose result was lost. */
  public static final String SHADOW_SKIPPED = "gns.shadow.skipped";

  /** Counter: images both the live and the shadow model labelled. */
  public static final String SHADOW_COMPARED = "gns.shadow.compared";

  /** Counter: images on which the two models agree on the top-1 class. */
  public static final String SHADOW_AGREED = "gns.shadow.top1.agreed";

  /** Histogram: difference of the two models' top-1 probabilities. */
  public static final String SHADOW_DELTA = "gns.shadow.top1.probability.delta";

  /** Gauge: records a running backfill has processed. */
  public static final String BACKFILL_DONE = "gns.backfill.records.done";

  /** Gauge: records a running backfill has to process. */
  public static final String BACKFILL_PLANNED = "gns.backfill.records.planned";

  /** Counter: HTTP requests to the schema registry that failed (unreachable, 5xx, timeout). */
  public static final String REGISTRY_FAILURES = "gns.registry.request.failures";

  /** Counter: reads or writes that waited for the schema registry to come back. */
  public static final String REGISTRY_RETRIES = "gns.registry.retries";

  /** Gauge: 1 while the schema registry answers, 0 while it is unavailable. */
  public static final String REGISTRY_AVAILABLE = "gns.registry.available";

  /** Gauge: writer schemas and registered ids the registry client holds. */
  public static final String REGISTRY_CACHED = "gns.registry.schemas.cached";

  /**
   * Counter, tag {@code reason} (e.g. {@code timeout}, {@code producer-fenced}, {@code
   * registry-unavailable}): stream threads replaced after a transient failure.
   */
  public static final String THREADS_REPLACED = "gns.stream.threads.replaced";

  /** Gauge: 1 while the Kafka brokers answer, 0 while they do not. */
  public static final String BROKERS_REACHABLE = "gns.kafka.brokers.reachable";

  /** Counter: episodes in which the Kafka brokers stopped answering (start-up wait included). */
  public static final String BROKER_OUTAGES = "gns.kafka.outages";

  /**
   * Counter, tag {@code outcome} ({@code fenced} or {@code unfenced}): transactions of a crashed
   * earlier run of this instance found open at start.
   */
  public static final String OPEN_TRANSACTIONS_AT_START = "gns.start.open.transactions";

  /** Gauge: resident set size of the process (from /proc/self/status, Linux only). */
  public static final String PROCESS_RSS = "process.memory.rss";

  private MetricNames() {}
}
