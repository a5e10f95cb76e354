package googlenet.streams.ops;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The process's resident set size, the memory that ONNX Runtime's native allocations and RocksDB
 * add to the JVM heap: {@code VmRSS} of {@code /proc/self/status}. Not registered where that file
 * does not exist (not Linux).
 */
final class ProcessMemoryMetrics implements MeterBinder {
  private static final Path STATUS = Path.of("/proc/self/status");

  @Override
  public void bindTo(MeterRegistry registry) {
    if (!Files.isReadable(STATUS)) {
      return;
    }
    Gauge.builder(MetricNames.PROCESS_RSS, ProcessMemoryMetrics::residentBytes)
        .description("Resident set size of the process (VmRSS)")
        .baseUnit("bytes")
        .register(registry);
  }

  /** VmRSS in bytes, or NaN when it cannot be read. */
  static double residentBytes() {
    try {
      List<String> lines = Files.readAllLines(STATUS);
      for (String line : lines) {
        if (line.startsWith("VmRSS:")) {
          String[] parts = line.substring("VmRSS:".length()).trim().split("\\s+");
          return Long.parseLong(parts[0]) * 1024.0;
        }
      }
    } catch (IOException | NumberFormatException e) {
      return Double.NaN;
    }
    return Double.NaN;
  }
}
