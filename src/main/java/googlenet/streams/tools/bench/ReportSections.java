package googlenet.streams.tools.bench;

import static googlenet.streams.tools.bench.ReportMarkdown.fmt;

import java.util.Locale;

/** The sections of {@code bench.md} after the throughput table: CPU split, capacity, goals. */
final class ReportSections {
  private ReportSections() {}

  /** Each figure's CPU ms/image by part, as drawn in {@code bench-cpu.png}. */
  static void cpuSplit(StringBuilder md, BenchReport report) {
    md.append("\n## CPU ms/image by part (")
        .append(ReportFiles.CPU_CHART)
        .append(")\n\n")
        .append(
            "| figure | CPU ms/image | inference (engine figure) | inference (measured)"
                + " | decode + preprocess | Kafka + exactly-once (remainder) | in-JVM broker"
                + " | JIT compiler | mean formed batch |\n")
        .append("|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (Figure f : report.figures()) {
      CpuSplit c = f.cpu();
      if (c == null) {
        continue;
      }
      md.append(
          String.format(
              Locale.ROOT,
              "| %s | %.1f | %.1f (%s) | %s | %s | %.1f | %s | %s | %s |%n",
              f.id(),
              f.cpuMsPerImage(),
              c.inferenceMs(),
              c.engineFigure(),
              c.measuredInferenceMs() == null ? "not measured" : fmt(c.measuredInferenceMs(), 1),
              c.decodeMs() == null ? "not measured" : fmt(c.decodeMs(), 1),
              c.kafkaMs(),
              fmt(c.brokerMs(), 1),
              c.jitMs() == null ? "not measured" : fmt(c.jitMs(), 1),
              f.settings().getOrDefault("mean formed batch", "-")));
    }
  }

  /** The GPU capacity line. */
  static void gpuCapacity(StringBuilder md, GpuCapacity g) {
    md.append("\n## GPU capacity\n\n");
    if (g == null) {
      md.append(
          "Not given: it needs the default pipeline's CPU split (so a stage-1 figure) and a cost"
              + " outside inference above zero. On the full model that cost is the difference of"
              + " two figures near 50 CPU ms/image and can come out below zero (inference measured"
              + " cheaper inside the pipeline than in the engine figure); read the line from"
              + " `bench --quick`.\n");
      return;
    }
    md.append(
        String.format(
            Locale.ROOT,
            "Cores needed beside the GPU per %,d images/s: %.2f CPU ms/image outside inference"
                + " (`%s`, in-JVM broker excluded) x %,d / 1000 = **%.1f cores** (goal <= %.0f).%n",
            g.imagesPerSecond(),
            g.cpuMsOutsideInference(),
            g.figure(),
            g.imagesPerSecond(),
            g.cores(),
            Targets.GPU_CORES));
  }

  /** The goals, how far a missed one is off, and the comparisons. */
  static void goals(StringBuilder md, BenchReport report) {
    md.append("\n## Goals\n\n| goal | target | measured | met | missed by |\n")
        .append("|---|---|---:|---|---:|\n");
    for (Target t : report.targets()) {
      md.append("| ")
          .append(t.name())
          .append(" | ")
          .append(t.goal())
          .append(" | ")
          .append(t.value() == null ? "not measured" : value(t.value(), t.unit()))
          .append(" | ")
          .append(t.met() == null ? "-" : t.met() ? "yes" : "NO")
          .append(" | ")
          .append(missedBy(t))
          .append(" |\n");
    }
    if (!report.comparisons().isEmpty()) {
      md.append("\n## Comparisons within this run\n\n");
      for (Comparison c : report.comparisons()) {
        md.append("- ").append(c.name()).append(": ").append(fmt(c.value(), 2)).append('\n');
      }
    }
  }

  private static String missedBy(Target t) {
    if (t.missedBy() == null) {
      return "-";
    }
    double relative = t.bound() == 0 ? 0 : 100 * t.missedBy() / t.bound();
    return value(t.missedBy(), t.unit()) + String.format(Locale.ROOT, " (%.0f%%)", relative);
  }

  private static String value(double v, String unit) {
    return switch (unit) {
      case "ms" -> fmt(v, 0) + " ms";
      case "cores" -> fmt(v, 1) + " cores";
      case "CPU ms/image" -> fmt(v, 2) + " ms";
      default -> fmt(v, 3); // a ratio: 0.899 is not 0.90, and the table says NO
    };
  }
}
