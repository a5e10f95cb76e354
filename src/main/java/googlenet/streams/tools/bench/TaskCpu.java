package googlenet.streams.tools.bench;

import googlenet.streams.inference.Classifier;
import googlenet.streams.inference.OnnxInferenceEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The CPU time of the process's threads whose Linux name ({@code /proc/self/task/<tid>/comm}, at
 * most 15 characters) matches, read from {@code /proc/self/task}: these threads are invisible to
 * {@code ThreadMXBean}, because the JVM does not show its own threads, and native libraries'
 * threads are not Java threads at all. A thread that ended keeps the time it had at its last
 * reading. Resolution: the kernel's clock tick (10 ms). Where {@code /proc} cannot be read, the
 * reading is -1.
 */
final class TaskCpu {
  /**
   * The JVM's JIT compiler threads (HotSpot names them {@code C1 CompilerThreadN} and {@code C2
   * CompilerThreadN}). A short benchmark pays for compiling the Kafka clients, Kafka Streams and
   * the broker in every figure; a service that has run for minutes no longer does. The JVM stops
   * idle compiler threads and starts new ones.
   */
  static final TaskCpu JIT = named("C1 CompilerThread", "C2 CompilerThread");

  /**
   * Inference: the threads that call the engine and take part in its parallel loops (the
   * classifier's runners; stage 1's callers) and ONNX Runtime's own intra-op threads, which carry
   * {@link OnnxInferenceEngine#ORT_THREAD_NAME}.
   */
  static final TaskCpu INFERENCE =
      named(
          OnnxInferenceEngine.ORT_THREAD_NAME,
          Classifier.INFERENCE_THREAD_PREFIX,
          EngineStage.CALLER_THREAD_NAME);

  private static final Path TASKS = Path.of("/proc/self/task");
  private static final long NANOS_PER_TICK = 10_000_000L;

  /** Linux keeps the first 15 characters of a thread's name. */
  private static final int COMM_LENGTH = 15;

  /**
   * A Java thread starts with its creator's name and takes its own a moment later; a thread whose
   * name did not match is looked at again until it has been seen for this long.
   */
  private static final long NAME_SETTLES_NANOS = 1_000_000_000L;

  private final Predicate<String> name;
  private final Map<String, Boolean> matches = new HashMap<>();
  private final Map<String, Long> firstSeen = new HashMap<>();
  private final Map<String, Long> lastTicks = new HashMap<>();
  private long endedTicks;

  private TaskCpu(Predicate<String> name) {
    this.name = name;
  }

  /** The threads whose name starts with one of {@code prefixes}, as Linux keeps names. */
  static TaskCpu named(String... prefixes) {
    List<String> kept =
        Arrays.stream(prefixes)
            .map(p -> p.substring(0, Math.min(p.length(), COMM_LENGTH)))
            .toList();
    return new TaskCpu(comm -> kept.stream().anyMatch(comm::startsWith));
  }

  /** The ids of the process's live threads, or null where {@code /proc} cannot tell. */
  static Set<String> tasks() {
    try (Stream<Path> tasks = Files.list(TASKS)) {
      return tasks.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
    } catch (IOException | UnsupportedOperationException e) {
      return null;
    }
  }

  /** CPU nanoseconds of the matching threads so far, or -1 where {@code /proc} cannot tell. */
  long nanos() {
    return nanos(tasks());
  }

  /**
   * The same from {@code tids}, a {@link #tasks()} reading that several readers can share (the
   * bench samples once per poll of its results); -1 when it is null.
   */
  synchronized long nanos(Set<String> tids) {
    if (tids == null) {
      return -1;
    }
    matches.keySet().retainAll(tids);
    firstSeen.keySet().retainAll(tids);
    long nanos = System.nanoTime();
    Map<String, Long> now = new HashMap<>();
    for (String tid : tids) {
      if (matches(tid, nanos)) {
        long ticks = ticks(tid);
        if (ticks >= 0) {
          now.put(tid, ticks);
        }
      }
    }
    // A thread that ended since the last reading keeps the time it had then.
    for (Map.Entry<String, Long> last : lastTicks.entrySet()) {
      if (!now.containsKey(last.getKey())) {
        endedTicks += last.getValue();
      }
    }
    lastTicks.clear();
    lastTicks.putAll(now);
    long total = endedTicks;
    for (long ticks : now.values()) {
      total += ticks;
    }
    return total * NANOS_PER_TICK;
  }

  private boolean matches(String tid, long nanos) {
    Boolean known = matches.get(tid);
    if (known == null
        || !known && nanos - firstSeen.computeIfAbsent(tid, t -> nanos) < NAME_SETTLES_NANOS) {
      known = named(tid);
      matches.put(tid, known);
    }
    return known;
  }

  private boolean named(String tid) {
    try {
      return name.test(Files.readString(TASKS.resolve(tid).resolve("comm")).strip());
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
