package googlenet.streams.tools.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** bench.md and bench-cpu.png of a report built from given values (no run). */
class ReportMarkdownTest {
  private static final Header HEADER =
      new Header(
          "m-w8-s1",
          "synthetic-small",
          "0123456789abcdef",
          "dynamic",
          2,
          "cpu",
          "jvm",
          "1.29.0",
          "4.4.0",
          "CPU",
          Map.of("run", "quick"),
          "0.1 0.1 0.1",
          "0.2 0.2 0.2",
          "now",
          60);

  private static BenchReport report() {
    CpuSplit split = new CpuSplit("engine-b8", 7, 8.2, 4.4, 3.8, 1.2, -1.7, 16.1, 12.3);
    List<Figure> figures =
        List.of(
            new Figure("engine-b8", 1, "raw", 46.1, 0.66, 56, 1.2, 7.3, 0.92, null, Map.of()),
            new Figure(
                "pipeline-eos-b8",
                3,
                "pipe",
                43.6,
                0.63,
                359,
                8.2,
                23.1,
                0.29,
                split,
                Map.of("mean formed batch", "7.5")));
    GpuCapacity capacity = GpuCapacity.of(figures.get(1));
    List<Target> targets =
        List.of(
            Target.atLeast("default pipeline / ceiling", ">= 0.9", 0.63, "ratio", 0.90),
            Target.atMost("outside", "<= 3.0", 12.3, "CPU ms/image", 3.0),
            Target.atMost("cores", "<= 16", capacity.cores(), "cores", 16),
            Target.missing("backfill / ceiling", ">= 0.95", "ratio", 0.95));
    return new BenchReport(
        HEADER,
        "engine-b32",
        69.5,
        figures,
        List.of(),
        targets,
        List.of(new Comparison("default pipeline / consumer-loop baseline", 1.05)),
        capacity,
        List.of("a note"));
  }

  @Test
  void shouldGiveTheCpuOutsideInferenceWithAndWithoutTheBroker() {
    String md = ReportMarkdown.render(report());

    assertThat(md)
        .contains("| 3 | pipeline-eos-b8 | pipe | 43.6 | 0.63 | 23.1 | 16.1 | 12.3 | 0.29 |")
        .contains("| 1 | engine-b8 | raw | 46.1 | 0.66 | 7.3 | - | - | 0.92 |");
  }

  @Test
  void shouldSplitTheCpuNamingTheEngineFigureUsed() {
    String md = ReportMarkdown.render(report());

    assertThat(md)
        .contains("## CPU ms/image by part (bench-cpu.png)")
        .contains(
            "| figure | CPU ms/image | inference (engine figure) | inference (measured)"
                + " | decode + preprocess | Kafka + exactly-once (remainder) | in-JVM broker"
                + " | JIT compiler | mean formed batch |")
        .contains(
            "| pipeline-eos-b8 | 23.1 | 7.0 (engine-b8) | 8.2 | 4.4 | -1.7 | 3.8 | 1.2 | 7.5 |")
        .doesNotContain("| engine-b8 | 7.3 |");
  }

  @Test
  void shouldGiveTheGpuCapacityLine() {
    assertThat(ReportMarkdown.render(report()))
        .contains(
            "Cores needed beside the GPU per 5,000 images/s: 12.30 CPU ms/image outside inference"
                + " (`pipeline-eos-b8`, in-JVM broker excluded) x 5,000 / 1000 = **61.5 cores**"
                + " (goal <= 16).");
  }

  @Test
  void shouldSayByHowMuchEachMissedGoalIsOff() {
    String md = ReportMarkdown.render(report());

    assertThat(md)
        .contains("| default pipeline / ceiling | >= 0.9 | 0.630 | NO | 0.270 (30%) |")
        .contains("| outside | <= 3.0 | 12.30 ms | NO | 9.30 ms (310%) |")
        .contains("| cores | <= 16 | 61.5 cores | NO | 45.5 cores (284%) |")
        .contains("| backfill / ceiling | >= 0.95 | not measured | - | - |")
        .contains("- default pipeline / consumer-loop baseline: 1.05");
  }

  @Test
  void shouldDrawTheSplitStackedWithANegativeRemainderAsZero() {
    BufferedImage png = ReportChart.renderCpu(report());

    assertThat(png.getWidth()).isEqualTo(ReportChart.WIDTH);
    assertThat(png.getHeight()).isEqualTo(ReportChart.PART_HEIGHT);
  }
}
