package googlenet.streams.ops;

import java.util.Collection;

/**
 * What the pipeline reports as it runs: the topology calls it for every result, dead letter and
 * batch; the backfill command for its progress. Every method has a no-op default, so {@link #NONE}
 * (for TopologyTestDriver tests and embedded use) costs nothing. Implementations are thread-safe:
 * every stream thread calls the same instance.
 */
public interface PipelineMetrics {
  /** Reports nothing. */
  PipelineMetrics NONE = new PipelineMetrics() {};

  /**
   * An image was classified and its result handed to the producer.
   *
   * @param recordTimestampMs the input record's timestamp
   * @param nowMs wall-clock time of the send; the difference is the end-to-end latency
   */
  default void classified(long recordTimestampMs, long nowMs) {}

  /**
   * Every reason code the topology can dead-letter a record for, announced when it is built, so a
   * counter per reason exists at 0 before the first dead letter (a Prometheus {@code rate()} needs
   * the series before its first increment).
   */
  default void deadLetterReasons(Collection<String> reasons) {}

  /**
   * A record went to the dead-letter topic.
   *
   * @param reason the reason code of its {@code gns.error.reason} header, e.g. {@code too-large}
   */
  default void deadLetter(String reason) {}

  /**
   * The engine ran one batch.
   *
   * @param size number of images in it
   * @param inferenceNanos wall time of the run
   */
  default void batchRun(int size, long inferenceNanos) {}

  /** A batch left the buffer: its oldest record had waited {@code waitMs} (0 without a buffer). */
  default void batchWaited(long waitMs) {}

  /**
   * The number of records waiting in the batch buffer of one stream task; 0 when the task closes.
   */
  default void buffered(String taskId, int records) {}

  /** Progress of a running backfill: {@code done} of {@code total} records processed. */
  default void backfillProgress(long done, long total) {}

  /**
   * The instance started while transactions of the run it replaces were still open (it crashed):
   * {@code fenced} of them were ended at start, {@code unfenced} could not be and end only at their
   * transaction timeout. Not called when none was open.
   */
  default void openTransactionsAtStart(int fenced, int unfenced) {}
}
