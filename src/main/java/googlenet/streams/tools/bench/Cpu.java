package googlenet.streams.tools.bench;

import java.lang.management.ManagementFactory;

/** CPU time of the whole process (every thread: ONNX Runtime, stream threads, the broker). */
final class Cpu {
  private Cpu() {}

  /** Process CPU nanoseconds so far, or -1 when the JVM cannot tell. */
  static long processNanos() {
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getProcessCpuTime();
    }
    return -1;
  }

  /** CPU milliseconds per image between two readings, or 0 when unknown. */
  static double msPerImage(long fromNanos, long toNanos, long images) {
    return fromNanos < 0 || toNanos < 0 || images <= 0 ? 0 : (toNanos - fromNanos) / 1e6 / images;
  }
}
