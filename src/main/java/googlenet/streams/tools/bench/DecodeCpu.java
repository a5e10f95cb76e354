package googlenet.streams.tools.bench;

import googlenet.streams.inference.SchedulerMetrics;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The CPU time of a classifier's decode threads, which decode and preprocess each image: the
 * threads are the ones that call {@link #decoded}, and their CPU time is read with {@link
 * ThreadMXBean} (so preemption on a shared machine does not count, as it would in the wall times
 * the callback is given). Also counts the batches the scheduler formed.
 */
final class DecodeCpu implements SchedulerMetrics {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private final Set<Thread> threads = ConcurrentHashMap.newKeySet();
  private final LongAdder batches = new LongAdder();
  private final LongAdder batched = new LongAdder();

  @Override
  public void decoded(long nanos) {
    threads.add(Thread.currentThread());
  }

  @Override
  public void batchRun(int size, long queueNanos, long inferenceNanos) {
    batches.increment();
    batched.add(size);
  }

  /** CPU nanoseconds of the decode threads so far, or -1 when the JVM cannot tell. */
  long nanos() {
    if (!THREADS.isThreadCpuTimeSupported() || !THREADS.isThreadCpuTimeEnabled()) {
      return -1;
    }
    long total = 0;
    for (Thread t : threads) {
      total += Math.max(0, THREADS.getThreadCpuTime(t.getId()));
    }
    return total;
  }

  /** Mean size of the batches the scheduler formed so far, 0 before the first. */
  double meanBatch() {
    long n = batches.sum();
    return n == 0 ? 0 : (double) batched.sum() / n;
  }
}
