package googlenet.streams.backfill;

/**
 * The offsets of one input partition a backfill labels: from {@code start} (inclusive) to {@code
 * end} (exclusive), both captured once when the backfill is defined.
 *
 * @param partition the input partition
 * @param start first offset in range
 * @param end first offset past the range
 */
public record PartitionRange(int partition, long start, long end) {

  /** Checks the offsets. */
  public PartitionRange {
    if (partition < 0 || start < 0 || end < start) {
      throw new IllegalArgumentException(
          "invalid range of partition " + partition + ": [" + start + ", " + end + ")");
    }
  }

  /** Offsets in range: an upper bound of the images (compaction and markers leave gaps). */
  public long size() {
    return end - start;
  }

  /** Offsets in range done when the group's committed offset is {@code committed}. */
  long done(long committed) {
    return Math.max(0, Math.min(committed, end) - start);
  }
}
