package googlenet.streams.tools.bench;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** {@code bench.md}: the header, the throughput table with ratios, latency, and the goals. */
final class ReportMarkdown {
  private ReportMarkdown() {}

  static String render(BenchReport report) {
    StringBuilder md = new StringBuilder();
    Header h = report.header();
    md.append("# googlenet-streams benchmark\n\n");
    line(
        md,
        "Model",
        h.model()
            + " ("
            + h.modelSpec()
            + ", "
            + h.modelBatch()
            + " batch, sha256 "
            + h.modelSha256().substring(0, Math.min(12, h.modelSha256().length()))
            + ")");
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
    line(
        md,
        "Settings",
        new TreeMap<>(h.settings())
            .entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(", ")));
    line(md, "Run", h.startedAt() + ", " + fmt(h.durationSeconds(), 0) + " s");
    md.append('\n');
    md.append("## Throughput (images/s; ratio to the ceiling `")
        .append(report.ceilingId())
        .append("` = ")
        .append(fmt(report.ceilingImagesPerSecond(), 1))
        .append(" images/s)\n\n");
    md.append(
        "| stage | figure | what | images/s | ratio to ceiling | CPU ms/image"
            + " | CPU ratio to ceiling | images | seconds | settings |\n");
    md.append("|---|---|---|---:|---:|---:|---:|---:|---:|---|\n");
    for (Figure f : report.figures()) {
      md.append(
          String.format(
              Locale.ROOT,
              "| %d | %s | %s | %.1f | %.2f | %.1f | %.2f | %d | %.1f | %s |%n",
              f.stage(),
              f.id(),
              f.description(),
              f.imagesPerSecond(),
              f.ratioToCeiling(),
              f.cpuMsPerImage(),
              f.cpuRatioToCeiling(),
              f.images(),
              f.seconds(),
              settings(f.settings())));
    }
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
    md.append(
        "\n## Goals (issues 5 and 6)\n\n| goal | target | measured | met |\n|---|---|---:|---|\n");
    for (Target t : report.targets()) {
      String value =
          t.value() == null
              ? "not measured"
              : fmt(t.value(), "ms".equals(t.unit()) ? 0 : 2)
                  + ("ms".equals(t.unit()) ? " ms" : "");
      String met = t.met() == null ? "-" : t.met() ? "yes" : "NO";
      md.append("| ")
          .append(t.name())
          .append(" | ")
          .append(t.goal())
          .append(" | ")
          .append(value)
          .append(" | ")
          .append(met)
          .append(" |\n");
    }
    if (!report.notes().isEmpty()) {
      md.append("\n## Notes\n\n");
      report.notes().forEach(n -> md.append("- ").append(n).append('\n'));
    }
    return md.toString();
  }

  private static void line(StringBuilder md, String name, String value) {
    md.append("- **").append(name).append("**: ").append(value).append('\n');
  }

  private static String settings(Map<String, String> s) {
    return s.entrySet().stream()
        .map(e -> e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining(", "));
  }

  static String fmt(double v, int decimals) {
    return String.format(Locale.ROOT, "%." + decimals + "f", v);
  }
}
