package googlenet.streams.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import googlenet.streams.config.GnsConfig;
import googlenet.streams.inference.EngineConfig;
import googlenet.streams.inference.ExecutionProvider;
import googlenet.streams.inference.OnnxInferenceEngine;
import googlenet.streams.inference.SchedulerMetrics;
import googlenet.streams.label.Labels;
import googlenet.streams.testing.TestEngines;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the configuration becomes an engine configuration, labels and a classifier. */
class PipelineTest {
  @TempDir Path dir;

  @Test
  void shouldBuildTheEngineConfig() {
    GnsConfig config =
        GnsConfig.fromMap(
            Map.ofEntries(
                Map.entry("model.name", "googlenet-12"),
                Map.entry("model.sha256", "AB".repeat(32)),
                Map.entry("execution.provider", "cuda-strict"),
                Map.entry("cuda.device.id", "1"),
                Map.entry("cuda.option.cudnn_conv_algo_search", "HEURISTIC"),
                Map.entry("intra.op.threads", "2"),
                Map.entry("softmax", "never"),
                Map.entry("model.warmup", "false"),
                Map.entry("intra.op.spinning", "true")));

    EngineConfig engine = Pipeline.engineConfig(config, Path.of("/models/g.onnx"));

    assertThat(engine.model()).isEqualTo(Path.of("/models/g.onnx"));
    assertThat(engine.modelName()).contains("googlenet-12");
    assertThat(engine.modelVersion()).isEmpty();
    assertThat(engine.expectedSha256()).contains("ab".repeat(32));
    assertThat(engine.provider()).isEqualTo(ExecutionProvider.CUDA_STRICT);
    assertThat(engine.deviceId()).isEqualTo(1);
    assertThat(engine.cudaOptions()).containsEntry("cudnn_conv_algo_search", "HEURISTIC");
    assertThat(engine.intraOpThreads()).isEqualTo(2);
    assertThat(engine.intraOpSpinning()).isTrue();
    assertThat(engine.softmax()).isEqualTo(EngineConfig.Softmax.NEVER);
    assertThat(engine.warmup()).isFalse();
  }

  @Test
  void shouldTakeTheSynsetFileBesideTheModelUnlessLabelsAreConfigured() throws Exception {
    Path model = Files.createFile(dir.resolve("googlenet-12.onnx"));
    Path synset = Files.writeString(dir.resolve("synset.txt"), "n01440764 tench\n");
    Path other = Files.writeString(dir.resolve("other.txt"), "n00000001 other\n");

    Labels beside = Pipeline.labels(config("model.path", model.toString()), 1);
    Labels configured =
        Pipeline.labels(
            GnsConfig.fromMap(
                Map.of("model.path", model.toString(), "labels.path", other.toString())),
            1);

    assertThat(beside.predict(0, 1f).label()).isEqualTo("tench");
    assertThat(configured.predict(0, 1f).label()).isEqualTo("other");
    Files.delete(synset);
    assertThat(Pipeline.labels(config("model.path", model.toString()), 1000))
        .isSameAs(Labels.imagenet());
  }

  @Test
  void shouldNameImageNetClassesOfTheSyntheticModelsByDefault() throws Exception {
    assertThat(Pipeline.labels(config("model.path", "synthetic"), 1000))
        .isSameAs(Labels.imagenet());
    assertThat(Pipeline.labels(config("model.path", "synthetic-small"), 7).hasNames()).isFalse();
  }

  @Test
  void shouldNameAnUnreadableLabelFile() {
    GnsConfig config = config("labels.path", "/nonexistent/synset.txt");

    assertThatThrownBy(() -> Pipeline.labels(config, 1000))
        .isInstanceOf(StartupException.class)
        .hasMessageContaining("/nonexistent/synset.txt")
        .hasMessageContaining("labels.path");
  }

  @Test
  void shouldRefuseLabelsThatDoNotFitTheModel() throws Exception {
    Path ten = dir.resolve("ten.txt");
    StringBuilder lines = new StringBuilder();
    for (int i = 0; i < 10; i++) {
      lines.append("n0000000").append(i).append(" class ").append(i).append('\n');
    }
    Files.writeString(ten, lines);

    try (OnnxInferenceEngine engine = TestEngines.small()) {
      assertThatThrownBy(
              () ->
                  Pipeline.around(
                      engine, config("labels.path", ten.toString()), SchedulerMetrics.NONE))
          .isInstanceOf(StartupException.class)
          .hasMessageContaining("labels name 10 classes")
          .hasMessageContaining("has 1000 classes");
    }
  }

  private static GnsConfig config(String key, String value) {
    return GnsConfig.fromMap(Map.of(key, value));
  }
}
