package googlenet.streams.backfill;

import java.time.Duration;
import java.util.Optional;

/**
 * How far a running backfill is, from its group's committed offsets.
 *
 * @param name the backfill's name
 * @param done offsets in range already consumed (an image each, except compaction gaps and
 *     transaction markers)
 * @param total offsets in range: an upper bound of the images
 * @param elapsed time since this run started
 * @param rate offsets per second consumed by this run
 */
public record BackfillProgress(String name, long done, long total, Duration elapsed, double rate) {

  /** Estimated time to the end of the range at the current rate, empty before there is a rate. */
  public Optional<Duration> eta() {
    if (!(rate > 0)) {
      return Optional.empty();
    }
    return Optional.of(Duration.ofMillis((long) ((total - done) / rate * 1000)));
  }

  /** Fraction done, 0..1. */
  public double fraction() {
    return total == 0 ? 1.0 : (double) done / total;
  }
}
