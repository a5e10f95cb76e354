package googlenet.streams.tools.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The CPU time of the JVM's JIT compiler threads (HotSpot names them {@code C1 CompilerThreadN} and
 * {@code C2 CompilerThreadN}), read from {@code /proc/self/task} on Linux: the JVM does not show
 * them to {@code ThreadMXBean}. A short benchmark pays for compiling the Kafka clients, Kafka
 * Streams and the broker in every figure; a service that has run for minutes no longer does. The
 * JVM stops idle compiler threads and starts new ones; the time of a stopped one is kept from its
 * last reading. Resolution: the kernel's clock tick (10 ms).
 */
final class JitCpu {
  private static final Path TASKS = Path.of("/proc/self/task");
  private static final long NANOS_PER_TICK = 10_000_000L;

  private static final Map<String, Boolean> COMPILER = new HashMap<>();
  private static final Map<String, Long> LAST_TICKS = new HashMap<>();
  private static long endedTicks;

  private JitCpu() {}

  /** CPU nanoseconds of the compiler threads so far, or -1 where {@code /proc} cannot tell. */
  static synchronized long nanos() {
    Set<String> tids;
    try (Stream<Path> tasks = Files.list(TASKS)) {
      tids = tasks.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
    } catch (IOException | UnsupportedOperationException e) {
      return -1;
    }
    COMPILER.keySet().retainAll(tids);
    Map<String, Long> now = new HashMap<>();
    for (String tid : tids) {
      if (COMPILER.computeIfAbsent(tid, JitCpu::isCompiler)) {
        long ticks = ticks(tid);
        if (ticks >= 0) {
          now.put(tid, ticks);
        }
      }
    }
    // A compiler thread that ended since the last reading keeps the time it had then.
    for (Map.Entry<String, Long> last : LAST_TICKS.entrySet()) {
      if (!now.containsKey(last.getKey())) {
        endedTicks += last.getValue();
      }
    }
    LAST_TICKS.clear();
    LAST_TICKS.putAll(now);
    long total = endedTicks;
    for (long ticks : now.values()) {
      total += ticks;
    }
    return total * NANOS_PER_TICK;
  }

  private static boolean isCompiler(String tid) {
    try {
      String comm = Files.readString(TASKS.resolve(tid).resolve("comm")).strip();
      return comm.startsWith("C1 CompilerThre") || comm.startsWith("C2 CompilerThre");
    } catch (IOException e) {
      return false;
    }
  }

  /** utime + stime of {@code tid} in clock ticks, or -1 when it has ended. */
  private static long ticks(String tid) {
    try {
      String stat = Files.readString(TASKS.resolve(tid).resolve("stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }
}
