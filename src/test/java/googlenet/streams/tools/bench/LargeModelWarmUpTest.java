package googlenet.streams.tools.bench;

import static org.assertj.core.api.Assertions.assertThat;

import googlenet.streams.testing.TestModels;
import googlenet.streams.tools.bench.BenchSettings.Stage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bench run on the full synthetic GoogLeNet warms up on the small synthetic model (the same Java
 * code, several times the images per second), then measures on its own model: a real in-JVM broker,
 * real sessions on both models, the pipeline stage only.
 */
class LargeModelWarmUpTest {
  private static final int IMAGES = 8;

  @Test
  void shouldWarmUpOnTheSmallModelAndMeasureEveryImageOnTheFullOne(@TempDir Path dir)
      throws Exception {
    BenchSettings settings =
        new BenchSettings(
            TestModels.full().toString(),
            IMAGES,
            dir,
            1,
            1,
            2,
            List.of(1),
            2,
            List.of(),
            20,
            Map.of(),
            0.05,
            1,
            0,
            List.of(0.5),
            EnumSet.of(Stage.PIPELINE),
            true);

    BenchReport report = new BenchSuite(settings, new PrintWriter(new StringWriter())).run();

    assertThat(report.header().model()).doesNotContain("-w8-");
    assertThat(report.header().settings().get("warm-up"))
        .startsWith("1 run of 8 images in ")
        .endsWith(", on the small synthetic model");
    assertThat(report.figures())
        .extracting(Figure::id)
        .containsExactly("pipeline-eos-b2", "pipeline-alos-b2", "pipeline-eos-b2-unlogged");
    assertThat(report.figures())
        .allSatisfy(
            f ->
                assertThat(f.settings())
                    .as(f.id())
                    .containsEntry("results", IMAGES + "/" + IMAGES));
  }
}
