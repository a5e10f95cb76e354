package googlenet.streams.tools.bench;

/**
 * One interval of a soak run: memory at its end, and the GC time, results and latency within it.
 * Memory in MiB, times in milliseconds.
 *
 * @param seconds end of the interval, seconds since the paced load began
 * @param rssMb resident set size of the process
 * @param heapAfterGcMb heap used after the last collection ({@link
 *     ProcessMemory#heapAfterGcBytes}): with G1, promoted garbage stays in it until a concurrent
 *     cycle, so it rises between cycles
 * @param heapLiveMb heap used right after a full collection the soak forced at this sample: the
 *     live heap; null in the other samples
 * @param heapUsedMb heap used at the sample, garbage included
 * @param directMb direct buffers
 * @param nativeMb the native-memory proxy ({@link ProcessMemory#nativeBytes}): ONNX Runtime, the
 *     native decoder and the other allocations outside the JVM's pools
 * @param gcPauseMs collection time within the interval
 * @param gcCount collections within the interval
 * @param results results that became readable within the interval
 * @param imagesPerSecond results per second within the interval
 * @param p50Ms median latency of those results, null when none arrived
 * @param p99Ms 99th percentile latency of those results, null when none arrived
 * @param backlog images sent so far and not yet readable as results
 * @param loadAverage the machine's 1-minute load average at the sample, -1 when unknown: on a
 *     shared machine, what else ran
 * @param cpuMsPerImage process CPU time within the interval per result (every thread, the in-JVM
 *     broker's included); null when no result arrived or the JVM cannot tell
 * @param brokerMsPerImage the in-JVM broker's threads' share of it; null likewise
 * @param decodeMsPerImage the classifier's decode threads' share of it (decoding and preprocessing,
 *     {@link DecodeCpu}); null likewise
 * @param jitMsPerImage the JIT compiler threads' share of it; null likewise or where /proc is not
 *     readable
 * @param inferenceMsPerImage the inference threads' share of it (the classifier's runners and ONNX
 *     Runtime's intra-op threads, {@link TaskCpu#INFERENCE}); null likewise
 */
public record SoakSample(
    double seconds,
    double rssMb,
    double heapAfterGcMb,
    Double heapLiveMb,
    double heapUsedMb,
    double directMb,
    double nativeMb,
    double gcPauseMs,
    long gcCount,
    long results,
    double imagesPerSecond,
    Double p50Ms,
    Double p99Ms,
    long backlog,
    double loadAverage,
    Double cpuMsPerImage,
    Double brokerMsPerImage,
    Double decodeMsPerImage,
    Double jitMsPerImage,
    Double inferenceMsPerImage) {

  private static final double MB = 1024.0 * 1024.0;

  /**
   * The interval from {@code before} to {@code after} ({@code seconds} of it ending at {@code at}),
   * with the CPU used in it ({@code cpuBefore} to {@code cpuAfter}) and the sorted latencies of the
   * results that arrived in it; {@code fullGc} when the soak forced a full collection just before
   * {@code after} was read.
   */
  static SoakSample of(
      double at,
      double seconds,
      ProcessMemory before,
      ProcessMemory after,
      CpuSample cpuBefore,
      CpuSample cpuAfter,
      boolean fullGc,
      long[] sortedLatencyMs,
      long backlog) {
    int n = sortedLatencyMs.length;
    return new SoakSample(
        at,
        mb(after.rssBytes()),
        mb(after.heapAfterGcBytes()),
        fullGc ? mb(after.heapAfterGcBytes()) : null,
        mb(after.heapUsedBytes()),
        mb(after.directBytes()),
        mb(after.nativeBytes()),
        after.gcMillis() - before.gcMillis(),
        after.gcCount() - before.gcCount(),
        n,
        seconds > 0 ? n / seconds : 0,
        n == 0 ? null : Latency.percentile(sortedLatencyMs, 50),
        n == 0 ? null : Latency.percentile(sortedLatencyMs, 99),
        backlog,
        Machine.loadAverage1(),
        perImage(cpuBefore.process(), cpuAfter.process(), n),
        perImage(cpuBefore.broker(), cpuAfter.broker(), n),
        perImage(cpuBefore.decode(), cpuAfter.decode(), n),
        perImage(cpuBefore.jit(), cpuAfter.jit(), n),
        perImage(cpuBefore.inference(), cpuAfter.inference(), n));
  }

  /** CPU milliseconds per result from two readings in nanoseconds; null when unknown or none. */
  static Double perImage(long beforeNanos, long afterNanos, long results) {
    if (results == 0 || beforeNanos < 0 || afterNanos < 0) {
      return null;
    }
    return (afterNanos - beforeNanos) / 1e6 / results;
  }

  private static double mb(long bytes) {
    return bytes < 0 ? -1 : bytes / MB;
  }
}
