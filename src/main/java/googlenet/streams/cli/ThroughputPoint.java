package googlenet.streams.cli;

import com.sun.management.OperatingSystemMXBean;
import googlenet.streams.inference.InferenceEngine;
import googlenet.streams.inference.InferenceException;
import java.lang.management.ManagementFactory;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The throughput of one batch size: runs the engine for a while and keeps every run's time.
 *
 * @param batchSize images per run
 * @param runs timed runs
 * @param medianMillis median wall time of one run (one batch), in milliseconds
 * @param imagesPerSecond images of all timed runs over their total wall time
 * @param cpuMillisPerImage CPU time of the whole process per image, or -1 when unknown; unlike wall
 *     time it barely grows when other processes share the cores (with one intra-op thread ONNX
 *     Runtime does not spin, so it is close to the image's cost on an idle core)
 */
record ThroughputPoint(
    int batchSize,
    int runs,
    double medianMillis,
    double imagesPerSecond,
    double cpuMillisPerImage) {
  private static final int WARMUP_RUNS = 2;
  private static final int MIN_RUNS = 3;

  /** Runs {@code batchSize} images for at least {@code seconds} and at least three runs. */
  static ThroughputPoint measure(
      InferenceEngine engine, FloatBuffer input, int batchSize, double seconds)
      throws InferenceException {
    for (int i = 0; i < WARMUP_RUNS; i++) {
      engine.run(input, batchSize);
    }
    List<Long> nanos = new ArrayList<>();
    long cpuStart = processCpuNanos();
    long start = System.nanoTime();
    long deadline = start + (long) (seconds * 1e9);
    while (nanos.size() < MIN_RUNS || System.nanoTime() < deadline) {
      long t0 = System.nanoTime();
      engine.run(input, batchSize);
      nanos.add(System.nanoTime() - t0);
    }
    long total = System.nanoTime() - start;
    long cpu = processCpuNanos() - cpuStart;
    int images = nanos.size() * batchSize;
    return new ThroughputPoint(
        batchSize,
        nanos.size(),
        median(nanos) / 1e6,
        images / (total / 1e9),
        cpuStart < 0 ? -1 : cpu / 1e6 / images);
  }

  /** CPU time used by this process so far, or -1 when the JVM cannot tell. */
  private static long processCpuNanos() {
    return ManagementFactory.getOperatingSystemMXBean() instanceof OperatingSystemMXBean os
        ? os.getProcessCpuTime()
        : -1;
  }

  /** The median of some durations (mean of the middle two for an even count). */
  static double median(List<Long> values) {
    List<Long> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0;
  }
}
