package googlenet.streams.service;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

/**
 * Samples a readiness probe every 50 ms on a thread of its own and keeps each change, with when it
 * was seen, so a test can assert the sequence (ready, not ready, ready) and report how long each
 * phase lasted.
 */
final class ReadinessLog implements AutoCloseable {
  /** One observed change: the probe's answer from {@code nanos} on. */
  record Change(boolean ready, long nanos) {}

  private final List<Change> changes = new CopyOnWriteArrayList<>();
  private final Thread sampler;
  private volatile boolean open = true;

  private ReadinessLog(BooleanSupplier probe) {
    sampler =
        new Thread(
            () -> {
              while (open) {
                boolean ready = probe.getAsBoolean();
                if (changes.isEmpty() || changes.get(changes.size() - 1).ready() != ready) {
                  changes.add(new Change(ready, System.nanoTime()));
                }
                sleep();
              }
            },
            "readiness-log");
    sampler.setDaemon(true);
    sampler.start();
  }

  /** Starts sampling {@code probe}. */
  static ReadinessLog watch(BooleanSupplier probe) {
    return new ReadinessLog(probe);
  }

  /** The answers in order, one per change. */
  List<Boolean> sequence() {
    return changes.stream().map(Change::ready).toList();
  }

  /** The first time at or after {@code sinceNanos} the probe answered {@code ready}, or -1. */
  long firstAfter(long sinceNanos, boolean ready) {
    return changes.stream()
        .filter(c -> c.ready() == ready && c.nanos() >= sinceNanos)
        .mapToLong(Change::nanos)
        .findFirst()
        .orElse(-1);
  }

  /** Waits at most {@code atMost} for the latest answer to be {@code ready}. */
  void awaitAnswer(boolean ready, Duration atMost) {
    await("readiness " + ready)
        .atMost(atMost)
        .pollInterval(Duration.ofMillis(50))
        .until(() -> !changes.isEmpty() && changes.get(changes.size() - 1).ready() == ready);
  }

  private static void sleep() {
    try {
      Thread.sleep(50);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() throws InterruptedException {
    open = false;
    sampler.join(1000);
  }
}
