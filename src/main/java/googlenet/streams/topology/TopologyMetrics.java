package googlenet.streams.topology;

import java.util.Collection;

/**
 * What the topology reports as it runs: every result, dead letter and the images each task has in
 * flight. Every method has a no-op default, so {@link #NONE} costs nothing. Implementations are
 * thread-safe: every stream thread calls the same instance.
 */
public interface TopologyMetrics {
  /** Reports nothing. */
  TopologyMetrics NONE = new TopologyMetrics() {};

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
   * The number of records one stream task has read and not yet written a result or dead letter for
   * (they wait in its changelogged buffer); 0 when the task closes.
   */
  default void buffered(String taskId, int records) {}
}
