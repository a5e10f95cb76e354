package googlenet.streams.tools.bench;

import java.io.IOException;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One reading of the process's memory and GC counters, all in bytes or milliseconds.
 *
 * <p>Native memory outside the JVM's own accounting (ONNX Runtime's arena and session, the native
 * JPEG decoder, malloc arenas, thread stacks) is not visible from Java. Its proxy here is {@link
 * #nativeBytes}: RSS minus the committed heap, the committed non-heap pools (metaspace, code cache,
 * compressed class space) and the direct buffers. Committed heap pages the JVM never touched are
 * not resident, so the proxy errs low; it still moves one for one with a native leak.
 *
 * @param rssBytes resident set size ({@code VmRSS} of /proc/self/status), -1 when unreadable
 * @param heapAfterGcBytes heap used right after the last collection of each heap pool, summed
 *     ({@link MemoryPoolMXBean#getCollectionUsage}): what survives, without the garbage in between
 * @param heapUsedBytes heap used now, garbage included
 * @param heapCommittedBytes heap committed
 * @param nonHeapCommittedBytes committed non-heap pools
 * @param directBytes memory of the direct buffer pool ({@link BufferPoolMXBean} {@code direct})
 * @param gcMillis collection time of every collector since start ({@link
 *     GarbageCollectorMXBean#getCollectionTime}; for G1 and the other stop-the-world collectors of
 *     JDK 17, the pauses)
 * @param gcCount collections since start
 */
record ProcessMemory(
    long rssBytes,
    long heapAfterGcBytes,
    long heapUsedBytes,
    long heapCommittedBytes,
    long nonHeapCommittedBytes,
    long directBytes,
    long gcMillis,
    long gcCount) {
  private static final Path STATUS = Path.of("/proc/self/status");

  /** Reads everything now. */
  static ProcessMemory now() {
    long afterGc = 0;
    long nonHeap = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        MemoryUsage collected = pool.getCollectionUsage();
        afterGc += collected == null ? 0 : collected.getUsed();
      } else {
        nonHeap += pool.getUsage().getCommitted();
      }
    }
    long direct = 0;
    for (BufferPoolMXBean pool : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) {
      if ("direct".equals(pool.getName())) {
        direct += pool.getMemoryUsed();
      }
    }
    long gcMillis = 0;
    long gcCount = 0;
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      gcMillis += Math.max(0, gc.getCollectionTime());
      gcCount += Math.max(0, gc.getCollectionCount());
    }
    MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
    return new ProcessMemory(
        rss(), afterGc, heap.getUsed(), heap.getCommitted(), nonHeap, direct, gcMillis, gcCount);
  }

  /**
   * The native-memory proxy: RSS minus committed heap, committed non-heap and direct buffers; -1
   * when RSS is unknown.
   */
  long nativeBytes() {
    return rssBytes < 0 ? -1 : rssBytes - heapCommittedBytes - nonHeapCommittedBytes - directBytes;
  }

  /** VmRSS in bytes, or -1 where /proc/self/status cannot be read (not Linux). */
  static long rss() {
    try {
      for (String line : Files.readAllLines(STATUS)) {
        if (line.startsWith("VmRSS:")) {
          String[] parts = line.substring("VmRSS:".length()).trim().split("\\s+");
          return Long.parseLong(parts[0]) * 1024;
        }
      }
    } catch (IOException | RuntimeException e) {
      return -1;
    }
    return -1;
  }
}
