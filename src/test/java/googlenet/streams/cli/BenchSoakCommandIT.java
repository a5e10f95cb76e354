package googlenet.streams.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import googlenet.streams.testing.TestModels;
import googlenet.streams.tools.bench.SoakDrift;
import googlenet.streams.tools.bench.SoakReport;
import googlenet.streams.tools.bench.SoakSample;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bench soak} for 24 seconds on the small model: the series and the chart are written and
 * agree with each other and with the printed drift. No timing is asserted.
 */
@Timeout(300)
class BenchSoakCommandIT {

  /** The summary's line for one figure of the drift: label, first quarter, last quarter. */
  private static String driftLine(String label, SoakDrift.Change change) {
    return String.format(
        java.util.Locale.ROOT, "%-22s %9.1f -> %9.1f", label, change.first(), change.last());
  }

  @Test
  void shouldWriteTheSeriesAndChartAndTheDriftOfThatSeries(@TempDir Path out) throws Exception {
    CommandRun run =
        CommandRun.of(
            "bench",
            "soak",
            "--model",
            TestModels.small().toString(),
            "--minutes",
            "0.4",
            "--load",
            "0.5",
            "--interval",
            "2",
            "--full-gc-every",
            "4",
            "--capacity-images",
            "120",
            "--warm-up-seconds",
            "0",
            "--intra-op-threads",
            "1",
            "--set",
            "intra.op.spinning=true",
            "--out",
            out.toString());

    assertThat(run.exitCode()).as(run.err() + run.out()).isEqualTo(0);
    SoakReport report =
        new ObjectMapper().readValue(out.resolve("soak.json").toFile(), SoakReport.class);
    List<SoakSample> samples = report.samples();
    assertThat(samples).hasSizeGreaterThanOrEqualTo(5);
    assertThat(samples)
        .allSatisfy(
            s -> {
              assertThat(s.rssMb()).isPositive();
              assertThat(s.heapUsedMb()).isPositive();
              assertThat(s.heapAfterGcMb()).isNotNegative();
              assertThat(s.directMb()).isNotNegative();
              assertThat(s.rssMb()).isGreaterThan(s.nativeMb());
              assertThat(s.gcPauseMs()).isNotNegative();
              assertThat(s.backlog()).isNotNegative();
              assertThat(s.p99Ms() == null).isEqualTo(s.results() == 0);
              assertThat(s.cpuMsPerImage() == null).isEqualTo(s.results() == 0);
            });
    assertThat(samples)
        .filteredOn(s -> s.results() > 0)
        .allSatisfy(
            s -> {
              assertThat(s.cpuMsPerImage()).isPositive();
              assertThat(s.brokerMsPerImage()).isBetween(0.0, s.cpuMsPerImage());
              assertThat(s.decodeMsPerImage()).isBetween(0.0, s.cpuMsPerImage());
              assertThat(s.jitMsPerImage()).isBetween(0.0, s.cpuMsPerImage());
              assertThat(s.inferenceMsPerImage()).isBetween(0.0, s.cpuMsPerImage());
            });
    assertThat(samples)
        .filteredOn(s -> s.results() > 0)
        .extracting(SoakSample::decodeMsPerImage)
        .as("the decode threads' CPU is counted")
        .anySatisfy(decode -> assertThat(decode).isPositive());
    assertThat(samples)
        .filteredOn(s -> s.results() > 0)
        .extracting(SoakSample::inferenceMsPerImage)
        .as("the inference threads' CPU is counted")
        .anySatisfy(inference -> assertThat(inference).isPositive());
    assertThat(samples).filteredOn(s -> s.heapLiveMb() != null).hasSizeGreaterThanOrEqualTo(2);
    for (int i = 1; i < samples.size(); i++) {
      assertThat(samples.get(i).seconds()).isGreaterThan(samples.get(i - 1).seconds());
    }
    assertThat(samples.stream().mapToLong(SoakSample::results).sum())
        .isPositive()
        .isLessThanOrEqualTo(report.received());
    assertThat(report.received()).isEqualTo(report.sent());
    assertThat(report.duplicates()).isZero();
    assertThat(report.header().settings().get("warm-up"))
        .as("one warm-up run (budget 0) before the capacity measurement")
        .startsWith("1 run of 120 images in ")
        .contains("(budget 0 s; stopped: ");
    assertThat(run.out()).contains("warm-up: 1 run of 120 images");
    assertThat(report.offeredPerSecond())
        .isEqualTo(report.load() * report.pipelineCapacityPerSecond());

    SoakDrift drift = SoakDrift.of(samples);
    assertThat(report.drift()).isEqualTo(drift);
    assertThat(drift.warmUpSamples() + 2 * drift.quarterSamples())
        .isLessThanOrEqualTo(samples.size());
    assertThat(run.out())
        .contains("results: " + report.sent() + "/" + report.sent())
        .contains(String.format(java.util.Locale.ROOT, "(%+.1f%%)", drift.rss().percent()))
        .contains("wrote " + out)
        .contains("--set intra.op.spinning: true")
        .contains(driftLine("CPU ms/image", drift.cpuMsPerImage()))
        .contains(driftLine("  of it inference", drift.inferenceMsPerImage()));

    BufferedImage chart = ImageIO.read(out.resolve("soak.png").toFile());
    assertThat(chart.getWidth()).isEqualTo(1200);
    assertThat(chart.getHeight()).isEqualTo(1200);
  }

  @Test
  void shouldRefuseABadSpinningValueNamingIt() {
    CommandRun run = CommandRun.of("bench", "soak", "--set", "intra.op.spinning=often");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--set intra.op.spinning=often: expected true or false");
  }

  @Test
  void shouldRefuseALoadOutsideZeroToOneNamingIt() {
    CommandRun run = CommandRun.of("bench", "soak", "--load", "1.5");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--load must be in (0, 1], got 1.5");
  }

  @Test
  void shouldRefuseAWarmUpBudgetOutOfRangeNamingIt() {
    CommandRun run = CommandRun.of("bench", "soak", "--warm-up-seconds", "-5");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--warm-up-seconds must be from 0 to 600, got -5");
  }
}
