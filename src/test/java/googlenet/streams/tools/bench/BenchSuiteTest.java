package googlenet.streams.tools.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import googlenet.streams.testing.TestModels;
import googlenet.streams.tools.bench.BenchSettings.Stage;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The structure of the benchmark report on a tiny run (small model, a dozen images, a real in-JVM
 * broker): fields present and consistent, every figure in the table, a chart that decodes. Never
 * its timings.
 */
class BenchSuiteTest {
  private static final int IMAGES = 12;

  @TempDir static Path dir;
  private static BenchReport report;
  private static String progress;

  @BeforeAll
  static void runTinySuite() throws Exception {
    BenchSettings settings =
        new BenchSettings(
            TestModels.small().toString(),
            IMAGES,
            dir,
            1,
            1,
            2,
            List.of(1, 2),
            2,
            List.of(),
            20,
            0.05,
            1,
            List.of(0.5),
            EnumSet.of(
                Stage.ENGINE, Stage.PREPROCESS, Stage.PIPELINE, Stage.LATENCY, Stage.BACKFILL),
            true);
    StringWriter out = new StringWriter();
    BackfillProbe backfill = BackfillProbe.backfill(settings.model(), 1);
    report = new BenchSuite(settings, new PrintWriter(out), backfill).run();
    ReportFiles.write(report, dir);
    progress = out.toString();
  }

  @Test
  void shouldReportEveryFigureOfTheChosenStagesWithItsRatioToTheCeiling() throws Exception {
    JsonNode json = new ObjectMapper().readTree(dir.resolve(ReportFiles.JSON).toFile());
    List<String> ids = new ArrayList<>();
    json.get("figures").forEach(f -> ids.add(f.get("id").asText()));
    assertThat(ids.subList(0, ids.size() - 1))
        .containsExactly(
            "engine-b1",
            "engine-b2",
            "decode-engine",
            "pipeline-eos-b2",
            "pipeline-alos-b2",
            "pipeline-eos-b2-unlogged",
            "backfill");
    String end = ids.get(ids.size() - 1);
    assertThat(end).isIn("engine-b1-end", "engine-b2-end");

    double ceiling = json.get("ceilingImagesPerSecond").asDouble();
    double bestEngine =
        Math.max(Math.max(rate(json, "engine-b1"), rate(json, "engine-b2")), rate(json, end));
    assertThat(ceiling).isPositive().isEqualTo(bestEngine);
    assertThat(json.get("ceilingId").asText()).isIn("engine-b1", "engine-b2", end);
    for (JsonNode f : json.get("figures")) {
      assertThat(f.get("ratioToCeiling").asDouble())
          .as(f.get("id").asText())
          .isCloseTo(f.get("imagesPerSecond").asDouble() / ceiling, within(1e-9));
      assertThat(f.get("imagesPerSecond").asDouble()).as(f.get("id").asText()).isPositive();
    }
  }

  @Test
  void shouldReadEveryImageBackExactlyOnceInEveryPipelineAndBackfillRun() {
    assertThat(report.figures().stream().filter(f -> f.stage() == 3 || f.stage() == 6))
        .hasSize(4)
        .allSatisfy(
            f -> {
              assertThat(f.settings()).containsEntry("results", IMAGES + "/" + IMAGES);
              assertThat(f.settings()).containsEntry("duplicates", "0");
              // A share of the process's CPU; 0 when every result came in one poll.
              assertThat(Double.parseDouble(f.settings().get(Throughput.BROKER_CPU)))
                  .as("the in-JVM broker's CPU share of " + f.id())
                  .isBetween(0.0, f.cpuMsPerImage());
            });
  }

  @Test
  void shouldDescribeModelMachineVersionsAndSettingsInTheHeader() throws Exception {
    JsonNode h = new ObjectMapper().readTree(dir.resolve(ReportFiles.JSON).toFile()).get("header");
    assertThat(h.get("model").asText()).contains("w8");
    assertThat(h.get("cores").asInt()).isEqualTo(Runtime.getRuntime().availableProcessors());
    assertThat(h.get("cpuModel").asText()).isNotBlank();
    assertThat(h.get("jvm").asText()).contains(System.getProperty("java.runtime.version"));
    assertThat(h.get("onnxRuntime").asText()).isEqualTo("1.29.0");
    assertThat(h.get("kafka").asText()).isEqualTo("4.4.0");
    assertThat(h.get("settings").get("ORT intra-op threads").asText()).isEqualTo("1");
    assertThat(h.get("settings").get("images").asText()).contains("640x480");
  }

  @Test
  void shouldMeasureLatencyAsAMonotonicCdfOfEveryMeasuredImage() {
    assertThat(report.latencies()).hasSize(1);
    Latency l = report.latencies().get(0);
    assertThat(l.id()).isEqualTo("latency-50");
    assertThat(l.received()).isEqualTo(l.measured()).isPositive();
    assertThat(l.cdfMs()).hasSize(101).isSorted();
    assertThat(l.p50Ms()).isLessThanOrEqualTo(l.p95Ms());
    assertThat(l.p95Ms()).isLessThanOrEqualTo(l.p99Ms());
    assertThat(l.p99Ms()).isLessThanOrEqualTo(l.maxMs()).isEqualTo(l.cdfMs().get(99));
    assertThat(l.offeredPerSecond())
        .isCloseTo(
            0.5 * Targets.find(report.figures(), "pipeline-eos-b2").orElseThrow().imagesPerSecond(),
            within(1e-9));
  }

  @Test
  void shouldListTheGoalsAndSayWhichWereNotMeasured() {
    assertThat(report.targets()).extracting(Target::name).hasSize(5);
    Target naive = target("naive");
    assertThat(naive.met()).isNull();
    assertThat(naive.value()).isNull();
    Target buffer = target("durable");
    assertThat(buffer.met()).isNotNull();
    Target backfill = target("backfill");
    assertThat(backfill.value())
        .isCloseTo(
            Targets.find(report.figures(), "backfill").orElseThrow().ratioToCeiling(),
            within(1e-9));
    assertThat(progress).contains("backfill");
  }

  @Test
  void shouldWriteATableRowPerFigureAndLatency() throws Exception {
    String md = Files.readString(dir.resolve(ReportFiles.MARKDOWN));
    assertThat(md)
        .contains("| stage | figure | what | images/s | ratio to ceiling |")
        .contains("- **Machine**: ")
        .contains("ONNX Runtime 1.29.0")
        .contains("Kafka 4.4.0");
    for (Figure f : report.figures()) {
      assertThat(md).contains("| " + f.stage() + " | " + f.id() + " | ");
    }
    assertThat(md).contains("| latency-50 | 50% |");
  }

  @Test
  void shouldDrawAChartOfTheExpectedSize() throws Exception {
    BufferedImage png = ImageIO.read(dir.resolve(ReportFiles.CHART).toFile());
    assertThat(png).isNotNull();
    assertThat(png.getWidth()).isEqualTo(ReportChart.WIDTH);
    assertThat(png.getHeight()).isEqualTo(2 * ReportChart.PART_HEIGHT);
  }

  private static Target target(String nameContains) {
    return report.targets().stream()
        .filter(t -> t.name().contains(nameContains))
        .findFirst()
        .orElseThrow();
  }

  private static double rate(JsonNode json, String id) {
    for (JsonNode f : json.get("figures")) {
      if (f.get("id").asText().equals(id)) {
        return f.get("imagesPerSecond").asDouble();
      }
    }
    throw new AssertionError("no figure " + id);
  }
}
