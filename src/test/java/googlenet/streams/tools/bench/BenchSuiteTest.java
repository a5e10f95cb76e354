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
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The structure of the benchmark report on a tiny run (small model, a dozen images, a real in-JVM
 * broker): fields present and consistent, every figure in the table, the CPU split adding up, the
 * goals judged on the figures, charts that decode. Never its timings.
 */
class BenchSuiteTest {
  private static final int IMAGES = 32;

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
            Map.of(),
            0.05,
            1,
            0,
            List.of(0.5),
            EnumSet.of(
                Stage.ENGINE,
                Stage.PREPROCESS,
                Stage.PIPELINE,
                Stage.CONSUMER,
                Stage.LATENCY,
                Stage.BACKFILL),
            true);
    StringWriter out = new StringWriter();
    report = new BenchSuite(settings, new PrintWriter(out)).run();
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
            "consumer-loop",
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
      if (!hasNoRate(f.get("id").asText())) {
        assertThat(f.get("imagesPerSecond").asDouble()).as(f.get("id").asText()).isPositive();
      }
    }
  }

  /**
   * Whether the figure's results all came in one poll, as a tiny backfill's do (its images are one
   * batch and one transaction) and a tiny pipeline's may (one transaction can commit them all): the
   * figure then says so and reports no rate rather than a rate from a window of zero length.
   */
  private static boolean hasNoRate(String id) {
    Figure f = figure(id);
    boolean none = f.settings().containsKey(Throughput.NO_RATE);
    assertThat(none).as(id).isEqualTo(f.imagesPerSecond() == 0);
    if (f.stage() == 1) {
      assertThat(none).as(id + ": an engine run always has a rate").isFalse();
    }
    return none;
  }

  @Test
  void shouldReadEveryImageBackExactlyOnceInEveryPipelineAndBackfillRun() {
    assertThat(report.figures().stream().filter(f -> f.stage() == 3 || f.stage() == 6))
        .hasSize(4)
        .allSatisfy(
            f -> {
              assertThat(f.settings()).containsEntry("results", images(f) + "/" + images(f));
              assertThat(f.settings()).containsEntry("duplicates", "0");
            });
  }

  /**
   * The images a figure ran: the input topic's, or for the backfill a topic of its own with as many
   * as five of its commits take at the expected rate, more than the input's at this model's rate.
   */
  private static long images(Figure f) {
    if (!f.id().equals("backfill")) {
      return IMAGES;
    }
    long images = Long.parseLong(f.settings().get("results").replaceAll("/.*", ""));
    assertThat(images).as("backfill images").isGreaterThan(IMAGES);
    return images;
  }

  @Test
  void shouldRunTheConsumerLoopOverEveryImageWithTheDefaultClassifier() {
    Figure loop = figure("consumer-loop");
    assertThat(loop.stage()).isEqualTo(4);
    assertThat(loop.settings())
        .containsEntry("results", IMAGES + "/" + IMAGES)
        .containsEntry("batch.max.size", "2")
        .containsEntry("threads", "1")
        .containsKeys("polls", "images/poll", "refused commits", "duplicates")
        .doesNotContainKey("failed");
    // At-least-once: a commit refused in a rebalance reads its records again, as counted.
    long polled =
        Math.round(
            Double.parseDouble(loop.settings().get("images/poll"))
                * Long.parseLong(loop.settings().get("polls")));
    assertThat(polled).isGreaterThanOrEqualTo(IMAGES);
  }

  @Test
  void shouldSplitTheCpuOfEveryFigureAfterStageOneIntoParts() {
    Figure engine = figure("engine-b2");
    assertThat(engine.cpu()).isNull();
    for (Figure f : report.figures()) {
      if (f.stage() == 1 || hasNoRate(f.id())) {
        assertThat(f.cpu()).as(f.id()).isNull();
        continue;
      }
      CpuSplit c = f.cpu();
      assertThat(c).as(f.id()).isNotNull();
      String expectedEngine = f.id().equals("backfill") ? report.ceilingId() : "engine-b2";
      assertThat(c.engineFigure()).as(f.id()).isEqualTo(expectedEngine);
      assertThat(c.inferenceMs()).isEqualTo(figure(expectedEngine).cpuMsPerImage());
      assertThat(c.outsideInferenceMs())
          .isCloseTo(f.cpuMsPerImage() - c.inferenceMs(), within(1e-9));
      assertThat(c.brokerMs()).as(f.id()).isNotNull().isBetween(0.0, f.cpuMsPerImage());
      assertThat(c.outsideInferenceWithoutBrokerMs())
          .isCloseTo(c.outsideInferenceMs() - c.brokerMs(), within(1e-9));
      double decode = c.decodeMs() == null ? 0 : c.decodeMs();
      // Linux: the compiler threads are in /proc/self/task.
      assertThat(c.jitMs()).as(f.id()).isNotNull().isBetween(0.0, f.cpuMsPerImage());
      // Linux: inference is measured from its threads' names in /proc/self/task.
      assertThat(c.measuredInferenceMs()).as(f.id()).isNotNull().isBetween(0.0, f.cpuMsPerImage());
      assertThat(c.kafkaMs())
          .isCloseTo(
              f.cpuMsPerImage() - c.measuredInferenceMs() - c.brokerMs() - decode - c.jitMs(),
              within(1e-9));
    }
    assertThat(figure("decode-engine").cpu().brokerMs()).isZero();
    if (!hasNoRate("backfill")) {
      assertThat(figure("backfill").cpu().decodeMs()).isNull();
    }
    // Measured, but possibly 0: in a run this small the decode threads may have decoded every
    // image before the window (from the result ranked 10%) opened.
    for (String id : List.of("decode-engine", "pipeline-eos-b2", "consumer-loop")) {
      if (hasNoRate(id)) {
        continue;
      }
      assertThat(figure(id).cpu().decodeMs()).as(id).isNotNull().isNotNegative();
      assertThat(Double.parseDouble(figure(id).settings().get("mean formed batch")))
          .as(id)
          .isBetween(1.0, 2.0);
    }
  }

  @Test
  void shouldGiveTheGpuCapacityOfTheDefaultPipelineWithoutTheBroker() {
    GpuCapacity g = report.gpuCapacity();
    if (hasNoRate("pipeline-eos-b2")) {
      assertThat(g).as("no capacity line without a rate").isNull();
      return;
    }
    CpuSplit c = figure("pipeline-eos-b2").cpu();
    assertThat(g.figure()).isEqualTo("pipeline-eos-b2");
    assertThat(g.imagesPerSecond()).isEqualTo(5000);
    assertThat(g.cpuMsOutsideInference()).isEqualTo(c.outsideInferenceWithoutBrokerMs());
    assertThat(g.cores()).isCloseTo(c.outsideInferenceWithoutBrokerMs() * 5, within(1e-9));
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
    assertThat(h.get("settings").get("warm-up").asText())
        .as("one run (budget 0), on the run's own small model")
        .startsWith("1 run of 32 images in ")
        .contains("(budget 0 s; stopped: ")
        .doesNotContain("on the small synthetic model");
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
  void shouldJudgeTheSmallModelGoalsOnTheFiguresOfTheRun() {
    assertThat(report.targets())
        .extracting(Target::unit)
        .containsExactly("ratio", "CPU ms/image", "ratio", "ms", "cores");
    Figure pipeline = figure("pipeline-eos-b2");
    assertThat(report.targets().get(0).value()).isEqualTo(pipeline.ratioToCeiling());
    assertThat(report.targets().get(0).bound()).isEqualTo(0.60);
    if (hasNoRate(pipeline.id())) {
      // No CPU split without a rate: the two goals judged on it say they were not measured.
      assertThat(List.of(report.targets().get(1), report.targets().get(4)))
          .allSatisfy(t -> assertThat(t.met()).as(t.name()).isNull());
      return;
    }
    assertThat(report.targets()).allSatisfy(t -> assertThat(t.met()).as(t.name()).isNotNull());
    assertThat(report.targets().get(1).value())
        .isEqualTo(pipeline.cpu().outsideInferenceWithoutBrokerMs());
    assertThat(report.targets().get(2).value()).isEqualTo(figure("backfill").ratioToCeiling());
    assertThat(report.targets().get(2).met())
        .isEqualTo(figure("backfill").ratioToCeiling() >= 0.95);
    assertThat(report.targets().get(3).value()).isEqualTo(report.latencies().get(0).p99Ms());
    assertThat(report.targets().get(4).value()).isEqualTo(report.gpuCapacity().cores());
    for (Target t : report.targets()) {
      assertThat(t.missedBy() == null).as(t.name()).isEqualTo(t.met());
    }
    assertThat(progress).contains("backfill").contains("consumer-loop");
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
      if (f.cpu() != null) {
        assertThat(md).contains("| " + f.id() + " | " + ReportMarkdown.fmt(f.cpuMsPerImage(), 1));
      }
    }
    assertThat(md)
        .contains("| latency-50 | 50% |")
        .contains("| CPU ms/image outside inference | the same, in-JVM broker excluded |")
        .contains("## CPU ms/image by part (bench-cpu.png)")
        .contains("## GPU capacity")
        .contains("| goal | target | measured | met | missed by |")
        .doesNotContainPattern("(?i)issues? \\d");
  }

  @Test
  void shouldDrawTheChartsOfTheExpectedSize() throws Exception {
    BufferedImage png = ImageIO.read(dir.resolve(ReportFiles.CHART).toFile());
    assertThat(png).isNotNull();
    assertThat(png.getWidth()).isEqualTo(ReportChart.WIDTH);
    assertThat(png.getHeight()).isEqualTo(2 * ReportChart.PART_HEIGHT);
    BufferedImage cpu = ImageIO.read(dir.resolve(ReportFiles.CPU_CHART).toFile());
    assertThat(cpu).isNotNull();
    assertThat(cpu.getWidth()).isEqualTo(ReportChart.WIDTH);
    assertThat(cpu.getHeight()).isEqualTo(ReportChart.PART_HEIGHT);
  }

  private static Figure figure(String id) {
    return Targets.find(report.figures(), id).orElseThrow();
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
