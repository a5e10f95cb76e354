package googlenet.streams.inference;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnxruntime.OrtSession.SessionOptions;
import googlenet.streams.testing.TestModels;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SessionOptionsTest {
  private static EngineConfig config(int intraOpThreads, boolean spinning) {
    return new EngineConfig(
        TestModels.small(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        ExecutionProvider.CPU,
        0,
        Map.of(),
        intraOpThreads,
        0,
        spinning,
        EngineConfig.Softmax.AUTO,
        false);
  }

  @Test
  void shouldStopTheIntraOpThreadsSpinningByDefault() throws Exception {
    try (SessionOptions options =
        SessionFactory.baseOptions(EngineConfig.cpu(TestModels.small()))) {
      assertThat(options.getConfigEntries()).containsEntry(SessionFactory.ALLOW_SPINNING, "0");
    }
  }

  @Test
  void shouldLetTheIntraOpThreadsSpinWhenAskedTo() throws Exception {
    try (SessionOptions options = SessionFactory.baseOptions(config(2, true))) {
      assertThat(options.getConfigEntries()).containsEntry(SessionFactory.ALLOW_SPINNING, "1");
    }
  }

  @Test
  void shouldRunTheModelWithoutSpinning() throws Exception {
    try (OnnxInferenceEngine engine = OnnxInferenceEngine.open(config(2, false))) {
      BatchResult result = engine.run(EngineInputs.images(3, 5), 3);

      assertThat(result.probabilities()).hasNumberOfRows(3);
      assertThat(result.provider()).isEqualTo("CPU");
    }
  }
}
