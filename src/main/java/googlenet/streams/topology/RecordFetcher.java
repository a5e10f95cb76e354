package googlenet.streams.topology;

import java.util.Map;
import java.util.SortedSet;

/**
 * Reads input records back by offset. The in-flight buffer's changelog holds only the offsets of
 * the records a task had not finished (their images are in the input topic already, so the
 * changelog need not carry them again); a task that restores its buffer after a crash or a
 * rebalance reads those records back with this.
 */
@FunctionalInterface
public interface RecordFetcher {
  /**
   * The records of {@code topic}-{@code partition} at {@code offsets}, by offset; an offset whose
   * record no longer exists (deleted by retention or compaction) is absent from the result.
   *
   * @throws org.apache.kafka.common.errors.TimeoutException when they cannot be read in time
   */
  Map<Long, PendingRecord> fetch(String topic, int partition, SortedSet<Long> offsets);
}
