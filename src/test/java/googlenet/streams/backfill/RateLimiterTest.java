package googlenet.streams.backfill;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimiterTest {
  private static final long SECOND = 1_000_000_000L;

  @Test
  void shouldLetTheFirstImageThroughAndSpaceTheNextByTheRate() {
    AtomicLong clock = new AtomicLong();
    RateLimiter limiter = new RateLimiter(4, clock::get);

    assertThat(limiter.reserve()).isZero();
    assertThat(limiter.reserve()).isEqualTo(SECOND / 4);
    assertThat(limiter.reserve()).isEqualTo(2 * SECOND / 4);
  }

  @Test
  void shouldSaveUpAtMostOneSecondOfTokens() {
    AtomicLong clock = new AtomicLong();
    RateLimiter limiter = new RateLimiter(10, clock::get);
    clock.addAndGet(60 * SECOND);

    int free = 0;
    while (limiter.reserve() == 0) {
      free++;
    }
    assertThat(free).isEqualTo(10);
  }

  @Test
  void shouldHoldTheRateForACallerThatWaitsAsTold() {
    AtomicLong clock = new AtomicLong();
    RateLimiter limiter = new RateLimiter(5, clock::get);
    int passed = 0;
    while (true) {
      long wait = limiter.reserve();
      if (clock.addAndGet(wait) > 10 * SECOND) {
        break;
      }
      passed++;
    }
    assertThat(passed).isEqualTo(51);
  }
}
