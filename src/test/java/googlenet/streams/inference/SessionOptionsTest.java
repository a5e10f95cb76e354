package googlenet.streams.inference;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnxruntime.OrtSession.SessionOptions;
import googlenet.streams.testing.TestModels;
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
  void shouldRunTheModelWithoutSpinning() throws Exception {
    try (OnnxInferenceEngine engine = OnnxInferenceEngine.open(TestEngineConfigs.cpu(2, false))) {
      BatchResult result = engine.run(EngineInputs.images(3, 5), 3);

      assertThat(result.probabilities()).hasNumberOfRows(3);
      assertThat(result.provider()).isEqualTo("CPU");
    }
  }
}
