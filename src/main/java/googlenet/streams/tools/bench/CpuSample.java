package googlenet.streams.tools.bench;

import java.lang.management.ManagementFactory;
import java.util.Set;

/**
 * CPU nanoseconds used so far by the whole process (every thread: ONNX Runtime, stream threads, the
 * in-JVM broker, the reader), by the in-JVM broker's threads ({@link BrokerCpu}), by the
 * classifier's decode threads ({@link DecodeCpu}), by the JIT compiler ({@link TaskCpu#JIT}) and by
 * inference ({@link TaskCpu#INFERENCE}); -1 where the JVM cannot tell or nothing is measured.
 *
 * @param process CPU nanoseconds of the process
 * @param broker CPU nanoseconds of the in-JVM broker's live threads, -1 when not measured
 * @param decode CPU nanoseconds of the decode threads, -1 when not measured
 * @param jit CPU nanoseconds of the JIT compiler threads, -1 when not measured
 * @param inference CPU nanoseconds of the classifier's runner threads and ONNX Runtime's own, -1
 *     when not measured
 */
record CpuSample(long process, long broker, long decode, long jit, long inference) {
  /** Nothing measured. */
  static final CpuSample NONE = new CpuSample(-1, -1, -1, -1, -1);

  /**
   * The process, the broker's threads, {@code decode}'s threads (null: not measured), the JIT
   * compiler's and inference's.
   */
  static CpuSample now(DecodeCpu decode) {
    Set<String> tasks = TaskCpu.tasks();
    return new CpuSample(
        processNanos(),
        BrokerCpu.nanos(),
        decode == null ? -1 : decode.nanos(),
        TaskCpu.JIT.nanos(tasks),
        TaskCpu.INFERENCE.nanos(tasks));
  }

  /** Process CPU nanoseconds so far, or -1 when the JVM cannot tell. */
  static long processNanos() {
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getProcessCpuTime();
    }
    return -1;
  }
}
