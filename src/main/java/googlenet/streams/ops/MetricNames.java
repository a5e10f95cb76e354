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

  /** Histogram (seconds): how long a batch's oldest record waited in the buffer. */
  public static final String BATCH_WAIT = "gns.batch.wait";

  /** Histogram (seconds): wall time of one inference run. */
  public static final String INFERENCE = "gns.inference";

  /** Histogram (seconds): input record timestamp to result send. */
  public static final String END_TO_END = "gns.end.to.end.latency";

  /** Gauge: records in the batch buffers. */
  public static final String BUFFERED = "gns.buffered.records";

  /** Gauge, tag {@code provider}: 1 for the execution provider in use. */
  public static final String PROVIDER = "gns.execution.provider";

  /** Gauge: 1 when CUDA was asked for and the engine fell back to the CPU. */
  public static final String FALLBACK = "gns.execution.provider.fallback";

  /** Gauge, tags {@code name}, {@code version}, {@code sha256}: 1 for the loaded model. */
  public static final String MODEL_INFO = "gns.model.info";

  /** Gauge: records a running backfill has processed. */
  public static final String BACKFILL_DONE = "gns.backfill.records.done";

  /** Gauge: records a running backfill has to process. */
  public static final String BACKFILL_PLANNED = "gns.backfill.records.planned";

  /**
   * Counter, tag {@code outcome} ({@code fenced} or {@code unfenced}): transactions of a crashed
   * earlier run of this instance found open at start.
   */
  public static final String OPEN_TRANSACTIONS_AT_START = "gns.start.open.transactions";

  /** Gauge: resident set size of the process (from /proc/self/status, Linux only). */
  public static final String PROCESS_RSS = "process.memory.rss";

  private MetricNames() {}
}
