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

  /** The shadow candidate's classification of an image was written to the shadow topic. */
  default void shadowWritten() {}

  /**
   * An image was not run through the shadow candidate, or its result not written.
   *
   * @param reason {@code queue-full}, {@code failed}, {@code disabled} or {@code send-failed}
   */
  default void shadowSkipped(String reason) {}

  /**
   * The live and the shadow model both labelled an image.
   *
   * @param sameTop1 whether their most probable classes are the same
   * @param top1Delta the difference of their top-1 probabilities, in [0, 1]
   */
  default void shadowCompared(boolean sameTop1, double top1Delta) {}
}
