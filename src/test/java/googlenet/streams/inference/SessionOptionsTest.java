package googlenet.streams.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.onnxruntime.OrtSession.SessionOptions;
import googlenet.streams.testing.TestModels;
import java.nio.FloatBuffer;
import org.junit.jupiter.api.Test;

class SessionOptionsTest {
  @Test
  void shouldStopTheIntraOpThreadsSpinningByDefault() throws Exception {
    try (SessionOptions options =
        SessionFactory.baseOptions(EngineConfig.cpu(TestModels.small()))) {
      assertThat(options.getConfigEntries()).containsEntry(SessionFactory.ALLOW_SPINNING, "0");
    }
  }

  @Test
  void shouldLetTheIntraOpThreadsSpinWhenAskedTo() throws Exception {
    try (SessionOptions options = SessionFactory.baseOptions(TestEngineConfigs.cpu(2, true))) {
      assertThat(options.getConfigEntries()).containsEntry(SessionFactory.ALLOW_SPINNING, "1");
    }
  }

  @Test
  void shouldSizeTheIntraOpBlocksDynamicallyByDefault() throws Exception {
    try (SessionOptions options =
        SessionFactory.baseOptions(EngineConfig.cpu(TestModels.small()))) {
      assertThat(options.getConfigEntries()).containsEntry(SessionFactory.DYNAMIC_BLOCK_BASE, "4");
    }
    try (SessionOptions options = SessionFactory.baseOptions(TestEngineConfigs.cpu(2, false, 7))) {
      assertThat(options.getConfigEntries()).containsEntry(SessionFactory.DYNAMIC_BLOCK_BASE, "7");
    }
  }

  @Test
  void shouldKeepOnnxRuntimesStaticBlocksWhenTheBaseIsZero() throws Exception {
    try (SessionOptions options = SessionFactory.baseOptions(TestEngineConfigs.cpu(2, false, 0))) {
      assertThat(options.getConfigEntries()).doesNotContainKey(SessionFactory.DYNAMIC_BLOCK_BASE);
    }
  }

  @Test
  void shouldGiveTheSameProbabilitiesWithStaticAndDynamicBlocks() throws Exception {
    FloatBuffer images = EngineInputs.images(3, 11);
    try (OnnxInferenceEngine fixed = OnnxInferenceEngine.open(TestEngineConfigs.cpu(2, false, 0));
        OnnxInferenceEngine dynamic =
            OnnxInferenceEngine.open(TestEngineConfigs.cpu(2, false, 4))) {
      float[][] a = fixed.run(images.duplicate(), 3).probabilities();
      float[][] b = dynamic.run(images.duplicate(), 3).probabilities();
      for (int i = 0; i < a.length; i++) {
        assertThat(b[i]).containsExactly(a[i], within(1e-6f));
      }
    }
  }

  @Test
  void shouldRunTheModelWithoutSpinning() throws Exception {
    try (OnnxInferenceEngine engine = OnnxInferenceEngine.open(TestEngineConfigs.cpu(2, false))) {
      BatchResult result = engine.run(EngineInputs.images(3, 5), 3);

      assertThat(result.probabilities()).hasNumberOfRows(3);
      assertThat(result.provider()).isEqualTo("CPU");
    }
  }
}
