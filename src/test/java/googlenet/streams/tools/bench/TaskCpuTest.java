package googlenet.streams.tools.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

@EnabledOnOs(OS.LINUX)
class TaskCpuTest {
  private static final long TICK = 10_000_000L;

  @Test
  void shouldCountTheCompilerThreadsTimeWhichOnlyGrows() {
    long first = TaskCpu.JIT.nanos();
    // Work the JIT compiles; the reading must not go back even if a compiler thread stops.
    long sum = IntStream.range(0, 2_000_000).mapToLong(i -> (long) i * i % 7).sum();
    long second = TaskCpu.JIT.nanos();

    assertThat(sum).isPositive();
    assertThat(first).isNotNegative().isEqualTo(first / TICK * TICK);
    assertThat(second).isGreaterThanOrEqualTo(first);
    assertThat(second).isLessThan(CpuSample.processNanos() + TICK);
  }

  @Test
  void shouldCountANamedThreadsTimeByItsLinuxNameAndKeepItAfterTheThreadEnds() throws Exception {
    // Linux keeps 15 characters: the reader matches the name as Linux shows it.
    TaskCpu busy = TaskCpu.named("gns-test-busy-thread-");
    TaskCpu other = TaskCpu.named("gns-test-nobody");
    long before = busy.nanos();
    AtomicLong sink = new AtomicLong();
    Thread t =
        new Thread(
            () -> {
              long end = threadCpu() + 200_000_000L;
              long x = 0;
              while (threadCpu() < end) {
                x += IntStream.range(0, 10_000).map(i -> i * i % 7).sum();
              }
              sink.set(x);
            },
            "gns-test-busy-thread-1");
    t.start();
    long lastReading = before;
    while (t.isAlive()) {
      lastReading = busy.nanos();
      Thread.sleep(2);
    }
    t.join(30_000);
    long after = busy.nanos();

    assertThat(sink.get()).isPositive();
    // An ended thread keeps the time of its last reading: nothing lost, nothing counted twice.
    assertThat(after).isEqualTo(lastReading);
    // It burnt 200 ms; read every 2 ms while it ran, so most of that was seen.
    assertThat(after - before).isBetween(100_000_000L, 200_000_000L + 2 * TICK);
    assertThat(other.nanos()).isZero();
  }

  private static long threadCpu() {
    return java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
  }
}
