package googlenet.streams.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The machine a benchmark ran on: cores, CPU model, load.
 *
 * @param cores processors available to the JVM
 * @param cpuModel the first {@code model name} of /proc/cpuinfo, or the JVM's os.arch
 */
record MachineInfo(int cores, String cpuModel) {

  /** Describes this machine. */
  static MachineInfo current() {
    return new MachineInfo(Runtime.getRuntime().availableProcessors(), readCpuModel());
  }

  /** The 1, 5 and 15 minute load averages of /proc/loadavg, or "unknown". */
  static String loadAverage() {
    try {
      String[] fields = Files.readString(Path.of("/proc/loadavg")).strip().split("\\s+");
      return fields[0] + " " + fields[1] + " " + fields[2];
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }

  private static String readCpuModel() {
    try {
      List<String> lines = Files.readAllLines(Path.of("/proc/cpuinfo"));
      return lines.stream()
          .filter(line -> line.startsWith("model name"))
          .map(line -> line.substring(line.indexOf(':') + 1).strip())
          .findFirst()
          .orElse(System.getProperty("os.arch"));
    } catch (IOException e) {
      return System.getProperty("os.arch");
    }
  }
}
