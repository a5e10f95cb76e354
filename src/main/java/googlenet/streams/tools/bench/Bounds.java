package googlenet.streams.tools.bench;

import java.time.Duration;

/**
 * How long a stage waits for its results: the first within {@code first} (group join, transactions,
 * the first batch), then never more than {@code stall} without a new one, and all within {@code
 * overall}. A stage that hits a bound stops and reports what it got.
 *
 * @param first longest wait for the first result
 * @param stall longest wait for the next result once results arrive
 * @param overall longest wait for all of them
 */
record Bounds(Duration first, Duration stall, Duration overall) {
  /** Longest wait for a stage's first result. */
  static final Duration FIRST = Duration.ofSeconds(120);

  /** Longest wait without a new result. */
  static final Duration STALL = Duration.ofSeconds(30);

  /**
   * Bounds for {@code n} results at an expected {@code perSecond}: the first and stall bounds
   * above, and overall 60 s plus ten times the expected time (a figure a tenth of the expected rate
   * still completes).
   */
  static Bounds forRate(long n, double perSecond) {
    double seconds = n / Math.max(0.1, perSecond);
    return new Bounds(FIRST, STALL, Duration.ofSeconds(60 + (long) Math.ceil(10 * seconds)));
  }

  /**
   * How a wait ended.
   *
   * @param all whether every result arrived
   * @param why when not: which bound ended the wait, e.g. {@code no new result for 30 s}
   */
  record Outcome(boolean all, String why) {
    static final Outcome ALL = new Outcome(true, "");

    /** {@code got/n}, followed by {@code (timed out: why)} when not all arrived. */
    String results(long got, long n) {
      return got + "/" + n + (all ? "" : " (timed out: " + why + ")");
    }
  }
}
