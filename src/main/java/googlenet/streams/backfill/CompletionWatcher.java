package googlenet.streams.backfill;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches a running backfill from outside the stream threads: every interval it reads the group's
 * committed offsets, reports progress, and decides that the backfill is complete when every
 * partition has passed its end (committed offset at or past the end, or nothing but markers and
 * gaps left below it) and the batch buffer is empty, so every image in range has been written.
 */
final class CompletionWatcher {
  private static final Logger LOG = LoggerFactory.getLogger(CompletionWatcher.class);
  private static final int STALL_POLLS = 3;

  private final GroupOffsets group;
  private final BackfillDefinition definition;
  private final TailProbe probe;
  private final BooleanSupplier bufferEmpty;
  private final BooleanSupplier running;
  private final Duration interval;
  private final Set<Integer> passed = new HashSet<>();
  private final Map<Integer, Long> lastCommitted = new HashMap<>();
  private final Map<Integer, Integer> stalls = new HashMap<>();

  /**
   * @param bufferEmpty true when no record waits in the batch buffer
   * @param running true while the streams instance is running (not rebalancing, not failed)
   */
  CompletionWatcher(
      GroupOffsets group,
      BackfillDefinition definition,
      TailProbe probe,
      BooleanSupplier bufferEmpty,
      BooleanSupplier running,
      Duration interval) {
    this.group = group;
    this.definition = definition;
    this.probe = probe;
    this.bufferEmpty = bufferEmpty;
    this.running = running;
    this.interval = interval;
    definition.partitions().stream()
        .filter(r -> r.size() == 0)
        .forEach(r -> passed.add(r.partition()));
  }

  /**
   * Blocks until the backfill is complete or {@code failed} says the instance stopped, reporting
   * progress to {@code listener} at every interval.
   *
   * @param failed returns a failure message once the streams instance has failed, else null
   * @return the last progress
   */
  BackfillProgress await(
      Consumer<BackfillProgress> listener, java.util.function.Supplier<String> failed)
      throws BackfillException, InterruptedException {
    long startNanos = System.nanoTime();
    long doneAtStart = -1;
    while (true) {
      String failure = failed.get();
      if (failure != null) {
        throw new BackfillException("backfill " + definition.name() + " stopped: " + failure);
      }
      Map<Integer, Long> committed = group.committed(definition.input());
      long done = done(committed);
      doneAtStart = doneAtStart < 0 ? done : doneAtStart;
      Duration elapsed = Duration.ofNanos(System.nanoTime() - startNanos);
      double seconds = Math.max(1e-3, elapsed.toNanos() / 1e9);
      BackfillProgress progress =
          new BackfillProgress(
              definition.name(), done, definition.total(), elapsed, (done - doneAtStart) / seconds);
      listener.accept(progress);
      updatePassed(committed);
      if (passed.size() == definition.partitions().size()
          && running.getAsBoolean()
          && bufferEmpty.getAsBoolean()) {
        return progress;
      }
      Thread.sleep(interval.toMillis());
    }
  }

  private long done(Map<Integer, Long> committed) {
    long done = 0;
    for (PartitionRange r : definition.partitions()) {
      done +=
          passed.contains(r.partition())
              ? r.size()
              : r.done(committed.getOrDefault(r.partition(), r.start()));
    }
    return done;
  }

  private void updatePassed(Map<Integer, Long> committed) {
    for (PartitionRange r : definition.partitions()) {
      if (passed.contains(r.partition()) || !committed.containsKey(r.partition())) {
        continue;
      }
      long offset = committed.get(r.partition());
      if (offset >= r.end()) {
        passed.add(r.partition());
        continue;
      }
      int stalled =
          offset == lastCommitted.getOrDefault(r.partition(), -1L)
              ? stalls.merge(r.partition(), 1, Integer::sum)
              : 0;
      lastCommitted.put(r.partition(), offset);
      stalls.put(r.partition(), stalled);
      if (stalled >= STALL_POLLS
          && running.getAsBoolean()
          && probe.noneLeft(r.partition(), offset, r.end())) {
        LOG.info(
            "{}-{}: committed offset {} stays below the range end {}, but only markers or gaps"
                + " remain there; partition done",
            definition.input(),
            r.partition(),
            offset,
            r.end());
        passed.add(r.partition());
      }
    }
  }
}
