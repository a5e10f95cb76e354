package googlenet.streams.cli;

import static org.assertj.core.api.Assertions.assertThat;

import googlenet.streams.testing.TestModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shape of the benchmark report; never its timings. */
class BenchCommandTest {

  @Test
  void shouldPrintOneRowPerBatchSize() {
    CommandRun run =
        CommandRun.of(
            "bench", "inference",
            "--model", TestModels.small().toString(),
            "--batch-sizes", "1,3",
            "--seconds", "0.05",
            "--threads", "1");

    assertThat(run.exitCode()).as(run.err()).isEqualTo(0);
    List<String> lines = run.outLines();
    assertThat(lines.get(0)).startsWith("machine: ").contains("cores").contains("load average");
    assertThat(run.out()).contains("onnxruntime 1.29.0, provider CPU, intra-op threads 1");
    assertThat(lines)
        .anyMatch(l -> l.matches("\\s+1\\s+\\d+\\s+[\\d.]+\\s+[\\d.]+\\s+[\\d.]+\\s+[\\d.]+"));
    assertThat(lines)
        .anyMatch(l -> l.matches("\\s+3\\s+\\d+\\s+[\\d.]+\\s+[\\d.]+\\s+[\\d.]+\\s+[\\d.]+"));
    assertThat(lines.get(lines.size() - 1)).startsWith("load average at end: ");
  }

  @Test
  void shouldCompareBothDecodersOnEveryInput() {
    CommandRun run = CommandRun.of("bench", "preprocess", "--images", "4", "--rounds", "2");

    assertThat(run.exitCode()).as(run.err()).isEqualTo(0);
    assertThat(run.outLines().get(0))
        .startsWith("machine: ")
        .contains("cores")
        .contains("load average");
    List<String> rows = run.outLines().stream().filter(l -> l.matches("\\| [a-z].*")).toList();
    assertThat(rows).hasSize(7);
    for (String input :
        List.of("photo-640x480-q90", "photo-1920x1080-q90", "generated-640x480-q90")) {
      assertThat(rows)
          .filteredOn(r -> r.startsWith("| " + input + " |"))
          .hasSize(2)
          .anyMatch(
              r -> r.matches("\\| \\S+ \\| \\d+ \\| imageio \\| 4 \\| [\\d.]+ \\| \\d+ \\|  \\|"))
          .anyMatch(
              r ->
                  r.matches(
                      "\\| \\S+ \\| \\d+ \\| native \\| 4 \\| [\\d.]+ \\| \\d+ \\| [\\d.]+x \\|"));
    }
  }

  @Test
  void shouldRefuseAnUnknownDecoderNamingIt() {
    CommandRun run = CommandRun.of("bench", "preprocess", "--decoder", "turbo");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--decoder must be both, native or imageio, got 'turbo'");
  }

  @Test
  void shouldRefuseBadBatchSizesNamingThem() {
    CommandRun run =
        CommandRun.of(
            "bench", "inference", "--model", TestModels.small().toString(), "--batch-sizes", "4,0");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--batch-sizes").contains("[4, 0]");
  }

  @Test
  void shouldRunTheChosenStagesOfTheSuiteAndWriteTheReport(@TempDir Path out) throws Exception {
    CommandRun run =
        CommandRun.of(
            "bench",
            "--model",
            TestModels.small().toString(),
            "--stages",
            "engine",
            "--engine-seconds",
            "0.05",
            "--intra-op-threads",
            "1",
            "--set",
            "commit.interval.ms=250",
            "--set",
            "producer.linger.ms=5",
            "--out",
            out.toString());

    assertThat(run.exitCode()).as(run.err()).isEqualTo(0);
    assertThat(run.out()).contains("| 1 | engine-b1 | ").contains("| 1 | engine-b32 | ");
    assertThat(Files.readString(out.resolve("bench.md")))
        .contains("commit.interval.ms=250")
        .contains("--set producer.linger.ms=5");
    assertThat(out.resolve("bench.json")).isNotEmptyFile();
    assertThat(out.resolve("bench.md")).isNotEmptyFile();
    assertThat(out.resolve("bench.png")).isNotEmptyFile();
    assertThat(out.resolve("bench-cpu.png")).isNotEmptyFile();
  }

  @Test
  void shouldRefuseAnUnknownStageNamingIt() {
    CommandRun run = CommandRun.of("bench", "--stages", "engine,kafka");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("unknown stage 'kafka'").contains("pipeline");
  }

  @Test
  void shouldRefuseAWarmUpBudgetOutOfRangeNamingIt() {
    CommandRun run = CommandRun.of("bench", "--quick", "--warm-up-seconds", "900");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--warm-up-seconds must be from 0 to 600, got 900");
  }

  @Test
  void shouldRefuseToSetAKeyTheBenchSetsPerFigure() {
    CommandRun run = CommandRun.of("bench", "--set", "batch.max.size=4", "--stages", "engine");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .contains("--set batch.max.size: the bench sets this key itself for each figure");
  }
}
