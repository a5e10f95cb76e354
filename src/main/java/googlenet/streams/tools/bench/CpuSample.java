package googlenet.streams.tools.bench;

import java.lang.management.ManagementFactory;

/**
 * CPU nanoseconds used so far by the whole process (every thread: ONNX Runtime, stream threads, the
 * in-JVM broker, the reader), by the in-JVM broker's threads ({@link BrokerCpu}) and by the
 * classifier's decode threads ({@link DecodeCpu}) and by the JIT compiler ({@link JitCpu}); -1
 * where the JVM cannot tell or nothing is measured.
 *
 * @param process CPU nanoseconds of the process
 * @param broker CPU nanoseconds of the in-JVM broker's live threads, -1 when not measured
 * @param decode CPU nanoseconds of the decode threads, -1 when not measured
 * @param jit CPU nanoseconds of the JIT compiler threads, -1 when not measured
 */
record CpuSample(long process, long broker, long decode, long jit) {
  /** Nothing measured. */
  static final CpuSample NONE = new CpuSample(-1, -1, -1, -1);

  /**
   * The process, the broker's threads, {@code decode}'s threads (null: not measured) and the JIT
   * compiler's.
   */
  static CpuSample now(DecodeCpu decode) {
    return new CpuSample(
        processNanos(), BrokerCpu.nanos(), decode == null ? -1 : decode.nanos(), JitCpu.nanos());
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
