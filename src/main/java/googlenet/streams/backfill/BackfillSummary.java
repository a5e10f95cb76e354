package googlenet.streams.backfill;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * What a finished backfill run did.
 *
 * @param name the backfill's name
 * @param images classifications this run wrote (committed, on the output topic)
 * @param deadLetters records this run wrote to the dead-letter topic
 * @param total offsets in the whole range (an upper bound of the images)
 * @param resumed true when this run continued an earlier one of the same name
 * @param duration from the start of the streams instance to its close
 * @param model the model's name and version, as every result carries them
 * @param readableAt when read_committed consumers could read every result (the last stable offset
 *     of every output and dead-letter partition had passed what the run wrote)
 * @param readableAfter from the close of the streams instance to {@code readableAt}
 */
public record BackfillSummary(
    String name,
    long images,
    long deadLetters,
    long total,
    boolean resumed,
    Duration duration,
    String model,
    Instant readableAt,
    Duration readableAfter) {

  /** Images and dead letters handled per second by this run. */
  public double imagesPerSecond() {
    double seconds = duration.toNanos() / 1e9;
    return seconds <= 0 ? 0 : (images + deadLetters) / seconds;
  }

  /** One line for the command line. */
  public String describe() {
    return String.format(
        Locale.ROOT,
        "backfill %s %s: %d images labelled, %d dead letters, in %.1f s (%.1f images/s); range %d"
            + " offsets; results carry model %s; readable by read_committed consumers since %s"
            + " (%.1f s after the run)",
        name,
        resumed ? "resumed and finished" : "finished",
        images,
        deadLetters,
        duration.toMillis() / 1000.0,
        imagesPerSecond(),
        total,
        model,
        readableAt,
        readableAfter.toMillis() / 1000.0);
  }
}
