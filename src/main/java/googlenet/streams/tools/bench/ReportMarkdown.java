package googlenet.streams.tools.bench;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * {@code bench.md}: the header, the throughput table with ratios and CPU outside inference, the CPU
 * split, the GPU capacity line, latency, the goals, and the notes.
 */
final class ReportMarkdown {
  private ReportMarkdown() {}

  static String render(BenchReport report) {
    StringBuilder md = new StringBuilder();
    header(md, report.header());
    throughput(md, report);
    ReportSections.cpuSplit(md, report);
    ReportSections.gpuCapacity(md, report.gpuCapacity());
    latency(md, report);
    ReportSections.goals(md, report);
    if (!report.notes().isEmpty()) {
      md.append("\n## Notes\n\n");
      report.notes().forEach(n -> md.append("- ").append(n).append('\n'));
    }
    return md.toString();
  }

  private static void header(StringBuilder md, Header h) {
    md.append("# googlenet-streams benchmark\n\n");
    String sha = h.modelSha256().substring(0, Math.min(12, h.modelSha256().length()));
    line(
        md,
        "Model",
        h.model() + " (" + h.modelSpec() + ", " + h.modelBatch() + " batch, sha256 " + sha + ")");
    line(md, "Machine", h.cores() + " cores, " + h.cpuModel());
    line(
        md,
        "Load average (1/5/15 min)",
        "start " + h.loadAverageStart() + ", end " + h.loadAverageEnd());
    line(
        md,
        "Versions",
        "JVM "
            + h.jvm()
            + "; ONNX Runtime "
            + h.onnxRuntime()
            + " ("
            + h.executionProvider()
            + "); Kafka "
            + h.kafka()
            + " (in-JVM KRaft broker)");
    line(md, "Settings", settings(new TreeMap<>(h.settings())));
    line(md, "Run", h.startedAt() + ", " + fmt(h.durationSeconds(), 0) + " s");
  }

  private static void throughput(StringBuilder md, BenchReport report) {
    md.append("\n## Throughput (images/s; ratio to the ceiling `")
        .append(report.ceilingId())
        .append("` = ")
        .append(fmt(report.ceilingImagesPerSecond(), 1))
        .append(" images/s)\n\n");
    md.append(
        "| stage | figure | what | images/s | ratio to ceiling | CPU ms/image"
            + " | CPU ms/image outside inference | the same, in-JVM broker excluded"
            + " | CPU ratio to ceiling | images | seconds | settings |\n");
    md.append("|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
    for (Figure f : report.figures()) {
      CpuSplit c = f.cpu();
      md.append(
          String.format(
              Locale.ROOT,
              "| %d | %s | %s | %.1f | %.2f | %.1f | %s | %s | %.2f | %d | %.1f | %s |%n",
              f.stage(),
              f.id(),
              f.description(),
              f.imagesPerSecond(),
              f.ratioToCeiling(),
              f.cpuMsPerImage(),
              c == null ? "-" : fmt(c.outsideInferenceMs(), 1),
              c == null ? "-" : fmt(c.outsideInferenceWithoutBrokerMs(), 1),
              f.cpuRatioToCeiling(),
              f.images(),
              f.seconds(),
              settings(f.settings())));
    }
  }

  private static void latency(StringBuilder md, BenchReport report) {
    md.append("\n## Latency (ms, produce time to result readable with read_committed)\n\n");
    md.append(
        "| figure | offered load | offered images/s | delivered images/s | measured | received"
            + " | p50 ms | p95 ms | p99 ms | max ms |\n");
    md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (Latency l : report.latencies()) {
      md.append(
          String.format(
              Locale.ROOT,
              "| %s | %.0f%% | %.1f | %.1f | %d | %d | %.0f | %.0f | %.0f | %.0f |%n",
              l.id(),
              l.loadFraction() * 100,
              l.offeredPerSecond(),
              l.deliveredPerSecond(),
              l.measured(),
              l.received(),
              l.p50Ms(),
              l.p95Ms(),
              l.p99Ms(),
              l.maxMs()));
    }
  }

  private static void line(StringBuilder md, String name, String value) {
    md.append("- **").append(name).append("**: ").append(value).append('\n');
  }

  private static String settings(Map<String, String> s) {
    return s.entrySet().stream()
        .map(e -> e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining(", "));
  }

  /** {@code v} with {@code decimals} decimals, "-" when null. */
  static String fmt(Double v, int decimals) {
    return v == null ? "-" : String.format(Locale.ROOT, "%." + decimals + "f", v);
  }
}
