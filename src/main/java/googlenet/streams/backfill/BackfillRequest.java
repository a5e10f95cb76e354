package googlenet.streams.backfill;

import java.time.Duration;
import java.util.Objects;

/**
 * What a backfill labels and how fast: a name, the input and output topics, the time range, and the
 * batching and rate limits.
 *
 * @param name names the backfill: its application id, consumer group and stored definition
 * @param inputTopic topic the images are read from
 * @param outputTopic topic the classifications are written to
 * @param dlqTopic the backfill's dead-letter topic, created like the output topic when missing
 * @param from start of the range
 * @param to end of the range
 * @param maxRate most images per second, or 0 for no limit
 * @param batchSize images per inference call
 * @param batchDelay longest wait of a partial batch
 * @param restart start over even when a backfill of this name was defined before
 */
public record BackfillRequest(
    String name,
    String inputTopic,
    String outputTopic,
    String dlqTopic,
    TimeBound from,
    TimeBound to,
    double maxRate,
    int batchSize,
    Duration batchDelay,
    boolean restart) {
  /** Default images per inference call: larger than the live service's (throughput first). */
  public static final int DEFAULT_BATCH_SIZE = 32;

  /** Default longest wait of a partial batch. */
  public static final Duration DEFAULT_BATCH_DELAY = Duration.ofMillis(500);

  /** The longest batch delay, that of {@code batch.max.delay.ms}. */
  public static final Duration MAX_BATCH_DELAY = Duration.ofMillis(60_000);

  /** Prefix of a backfill's application id; the name follows. */
  public static final String APPLICATION_ID_PREFIX = "googlenet-streams-backfill-";

  /** Validates the values; each message names the option and the value. */
  public BackfillRequest {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(batchDelay, "batchDelay");
    if (name == null || !name.matches("[A-Za-z0-9._-]{1,100}")) {
      throw new IllegalArgumentException(
          "--name '"
              + name
              + "' is not a valid backfill name; use 1-100 letters, digits, '.', '_' or '-'");
    }
    requireTopic("--input", inputTopic);
    requireTopic("--output", outputTopic);
    requireTopic("--dlq", dlqTopic);
    if (inputTopic.equals(outputTopic) || inputTopic.equals(dlqTopic)) {
      throw new IllegalArgumentException(
          "--input " + inputTopic + " is also the output or dead-letter topic; use another topic");
    }
    if (!(maxRate >= 0) || Double.isInfinite(maxRate)) {
      throw new IllegalArgumentException(
          "--max-rate " + maxRate + " is not a rate; give images per second > 0, or 0 for none");
    }
    if (batchSize < 1 || batchSize > 4096) {
      throw new IllegalArgumentException("--batch-size " + batchSize + " must be within 1..4096");
    }
    if (batchDelay.isNegative()
        || batchDelay.isZero()
        || batchDelay.compareTo(MAX_BATCH_DELAY) > 0) {
      throw new IllegalArgumentException(
          "--batch-delay-ms "
              + batchDelay.toMillis()
              + " must be within 1.."
              + MAX_BATCH_DELAY.toMillis()
              + " (ms)");
    }
    if (TimeBound.NOW.equals(from.spec()) || TimeBound.EARLIEST.equals(to.spec())) {
      throw new IllegalArgumentException(
          "--from "
              + from
              + " --to "
              + to
              + " is an empty range; --from takes 'earliest' or a"
              + " time, --to 'now' or a time");
    }
    if (from.instant().isPresent()
        && to.instant().isPresent()
        && !from.instant().get().isBefore(to.instant().get())) {
      throw new IllegalArgumentException(
          "--from " + from + " is not before --to " + to + "; give a start before the end");
    }
  }

  /**
   * A request with the default dead-letter topic ({@code <output>.dlq}), batching, no rate limit.
   */
  public static BackfillRequest of(
      String name, String inputTopic, String outputTopic, TimeBound from, TimeBound to) {
    return new BackfillRequest(
        name,
        inputTopic,
        outputTopic,
        outputTopic + ".dlq",
        from,
        to,
        0,
        DEFAULT_BATCH_SIZE,
        DEFAULT_BATCH_DELAY,
        false);
  }

  /** A copy with another rate limit (0 for none). */
  public BackfillRequest withMaxRate(double imagesPerSecond) {
    return copy(imagesPerSecond, batchSize, batchDelay, restart);
  }

  /** A copy with another batch size. */
  public BackfillRequest withBatchSize(int size) {
    return copy(maxRate, size, batchDelay, restart);
  }

  /** A copy with another longest wait of a partial batch. */
  public BackfillRequest withBatchDelay(Duration delay) {
    return copy(maxRate, batchSize, delay, restart);
  }

  /** A copy that starts over, or not. */
  public BackfillRequest withRestart(boolean startOver) {
    return copy(maxRate, batchSize, batchDelay, startOver);
  }

  private BackfillRequest copy(double rate, int size, Duration delay, boolean startOver) {
    return new BackfillRequest(
        name, inputTopic, outputTopic, dlqTopic, from, to, rate, size, delay, startOver);
  }

  /** The Kafka Streams application id, which is also the consumer group. */
  public String applicationId() {
    return APPLICATION_ID_PREFIX + name;
  }

  private static void requireTopic(String option, String topic) {
    if (topic == null || topic.isBlank()) {
      throw new IllegalArgumentException(option + " is empty; give a topic name");
    }
  }
}
