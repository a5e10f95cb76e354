package googlenet.streams.backfill;

import java.util.function.LongSupplier;

/**
 * A token bucket of one image per token: {@code rate} tokens a second, at most one second's worth
 * saved up. {@link #acquire()} takes a token, sleeping until it is due; callers reserve in turn, so
 * concurrent stream threads share the rate. Over any interval of {@code t} seconds at most {@code
 * rate * (t + 1) + 1} images pass, whatever the batching downstream.
 */
final class RateLimiter {
  private static final double NANOS = 1e9;

  private final double rate;
  private final double capacity;
  private final LongSupplier clock;
  private double tokens;
  private long last;

  /**
   * @param rate tokens per second, > 0
   * @param clock nanosecond clock, {@code System::nanoTime} outside tests
   */
  RateLimiter(double rate, LongSupplier clock) {
    if (!(rate > 0)) {
      throw new IllegalArgumentException("rate must be > 0, got " + rate);
    }
    this.rate = rate;
    this.capacity = Math.max(1.0, rate);
    this.clock = clock;
    this.tokens = 1.0;
    this.last = clock.getAsLong();
  }

  /** Takes a token and returns how long (ns) the caller must wait before using it. */
  synchronized long reserve() {
    long now = clock.getAsLong();
    tokens = Math.min(capacity, tokens + (now - last) / NANOS * rate);
    last = now;
    tokens -= 1.0;
    return tokens >= 0 ? 0 : (long) Math.ceil(-tokens / rate * NANOS);
  }

  /** Takes a token, sleeping until it is due. */
  void acquire() {
    long wait = reserve();
    if (wait > 0) {
      try {
        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
