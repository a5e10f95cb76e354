package googlenet.streams.inference;

import static googlenet.streams.inference.EngineInputs.images;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import googlenet.streams.testing.TestModels;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A batch that ONNX Runtime refuses fails alone; the engine goes on. */
class RunFailureTest {
  @TempDir Path dir;

  @Test
  void shouldFailOnlyTheBatchWhenOnnxRuntimeRefusesIt() throws Exception {
    Path model =
        EngineInputs.halfPreparedVariant(TestModels.fixedBatchSmall(), dir.resolve("half.onnx"));
    try (OnnxInferenceEngine engine = OnnxInferenceEngine.open(EngineConfig.cpu(model))) {
      assertThat(engine.model().fixedBatch()).isFalse();

      InferenceException e =
          catchThrowableOfType(InferenceException.class, () -> engine.run(images(2, 41), 2));

      assertThat(e.fatal()).isFalse();
      assertThat(e.getMessage()).contains("batch of 2").contains("CPU");
      assertThat(engine.run(images(1, 42), 1).probabilities()).hasNumberOfRows(1);
    }
  }
}
