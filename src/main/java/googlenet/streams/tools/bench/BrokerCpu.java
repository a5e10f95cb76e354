package googlenet.streams.tools.bench;

import googlenet.streams.tools.broker.EmbeddedKafkaBroker;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The CPU time of the in-JVM broker, told apart from the rest of the process: the broker starts on
 * a thread of its own {@link ThreadGroup}, and every thread it starts inherits that group. A
 * deployed service does not pay this share; its broker runs elsewhere. Threads that ended are not
 * counted, so the figure is a slight underestimate.
 */
final class BrokerCpu {
  private static final ThreadGroup GROUP = new ThreadGroup("in-jvm-kafka-broker");
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static final Duration START = Duration.ofSeconds(120);

  private BrokerCpu() {}

  /** Starts an in-JVM broker whose threads all belong to the broker's thread group. */
  static EmbeddedKafkaBroker start() {
    AtomicReference<EmbeddedKafkaBroker> broker = new AtomicReference<>();
    AtomicReference<RuntimeException> failure = new AtomicReference<>();
    Thread starter =
        new Thread(
            GROUP,
            () -> {
              try {
                broker.set(EmbeddedKafkaBroker.start());
              } catch (RuntimeException e) {
                failure.set(e);
              }
            },
            "in-jvm-kafka-broker-start");
    starter.setDaemon(true);
    starter.start();
    try {
      starter.join(START.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting the broker", e);
    }
    if (failure.get() != null) {
      throw failure.get();
    }
    if (broker.get() == null) {
      throw new IllegalStateException(
          "the in-JVM broker did not start within " + START.toSeconds() + " s");
    }
    return broker.get();
  }

  /** CPU nanoseconds of the live broker threads so far, or -1 when the JVM cannot tell. */
  static long nanos() {
    if (!THREADS.isThreadCpuTimeSupported() || !THREADS.isThreadCpuTimeEnabled()) {
      return -1;
    }
    Thread[] threads = new Thread[GROUP.activeCount() + 16];
    int n = GROUP.enumerate(threads, true);
    long total = 0;
    for (int i = 0; i < n; i++) {
      long t = THREADS.getThreadCpuTime(threads[i].getId());
      if (t > 0) {
        total += t;
      }
    }
    return total;
  }
}
