package googlenet.streams.inference;

import static googlenet.streams.inference.EngineInputs.IMAGE_FLOATS;
import static googlenet.streams.inference.EngineInputs.image;
import static googlenet.streams.inference.EngineInputs.images;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import googlenet.streams.testing.TestModels;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The engine on real ONNX Runtime sessions over synthetic GoogLeNets, on the CPU. */
class OnnxInferenceEngineTest {

  static float sum(float[] row) {
    double total = 0;
    for (float v : row) {
      total += v;
    }
    return (float) total;
  }

  @Test
  void shouldReturnOneRowOfProbabilitiesPerImageSummingToOne() throws Exception {
    try (OnnxInferenceEngine engine =
        OnnxInferenceEngine.open(EngineConfig.cpu(TestModels.small()))) {
      BatchResult result = engine.run(images(4, 1), 4);

      assertThat(result.probabilities()).hasDimensions(4, 1000);
      for (float[] row : result.probabilities()) {
        assertThat(sum(row)).isCloseTo(1f, within(1e-4f));
        for (float p : row) {
          assertThat(p).isBetween(0f, 1f);
        }
      }
      assertThat(result.provider()).isEqualTo("CPU");
      assertThat(result.inferenceNanos()).isPositive();
    }
  }

  @Test
  void shouldDescribeTheLoadedModel() throws Exception {
    Path model = TestModels.small();
    try (OnnxInferenceEngine engine = OnnxInferenceEngine.open(EngineConfig.cpu(model))) {
      ModelInfo info = engine.model();

      assertThat(info.inputName()).isEqualTo("data_0");
      assertThat(info.outputName()).isEqualTo("prob_1");
      assertThat(info.classes()).isEqualTo(1000);
      assertThat(info.fixedBatch()).isFalse();
      assertThat(info.sha256()).isEqualTo(googlenet.streams.model.Checksums.sha256(model));
      assertThat(info.version()).isEqualTo(info.sha256().substring(0, 12));
      assertThat(info.name()).isEqualTo(model.getFileName().toString().replace(".onnx", ""));
      assertThat(engine.provider()).isEqualTo("CPU");
      assertThat(engine.fellBack()).isFalse();
    }
  }

  @Test
  void shouldGiveTheSameProbabilitiesForABatchOfEightAsForEightSingles() throws Exception {
    try (OnnxInferenceEngine engine =
        OnnxInferenceEngine.open(EngineConfig.cpu(TestModels.full()))) {
      FloatBuffer batch = images(8, 2);

      float[][] together = engine.run(batch, 8).probabilities();

      for (int i = 0; i < 8; i++) {
        float[] single = engine.run(image(batch, i), 1).probabilities()[0];
        assertThat(together[i]).containsExactly(single, within(1e-5f));
      }
    }
  }

  @Test
  void shouldRunAFixedBatchModelImageByImage() throws Exception {
    try (OnnxInferenceEngine engine =
        OnnxInferenceEngine.open(EngineConfig.cpu(TestModels.fixedBatchSmall()))) {
      FloatBuffer batch = images(3, 3);

      float[][] together = engine.run(batch, 3).probabilities();

      assertThat(engine.model().fixedBatch()).isTrue();
      assertThat(together).hasDimensions(3, 1000);
      for (int i = 0; i < 3; i++) {
        float[] single = engine.run(image(batch, i), 1).probabilities()[0];
        assertThat(together[i]).containsExactly(single, within(1e-6f));
      }
      assertThat(together[0]).isNotEqualTo(together[1]);
    }
  }

  @Test
  void shouldMatchTheDynamicModelWhenTheBatchIsFixed() throws Exception {
    FloatBuffer batch = images(2, 4);
    try (OnnxInferenceEngine fixed =
            OnnxInferenceEngine.open(EngineConfig.cpu(TestModels.fixedBatchSmall()));
        OnnxInferenceEngine dynamic =
            OnnxInferenceEngine.open(EngineConfig.cpu(TestModels.small()))) {
      float[][] a = fixed.run(batch, 2).probabilities();
      float[][] b = dynamic.run(batch, 2).probabilities();

      assertThat(a[0]).containsExactly(b[0], within(1e-5f));
      assertThat(a[1]).containsExactly(b[1], within(1e-5f));
    }
  }

  @Test
  void shouldRunOnlyTheFirstBatchSizeImagesOfALargerBuffer() throws Exception {
    try (OnnxInferenceEngine engine =
        OnnxInferenceEngine.open(EngineConfig.cpu(TestModels.small()))) {
      FloatBuffer batch = images(4, 5);
      batch.position(3 * IMAGE_FLOATS);

      float[][] two = engine.run(batch, 2).probabilities();

      assertThat(two).hasNumberOfRows(2);
      assertThat(two[1])
          .containsExactly(engine.run(image(batch, 1), 1).probabilities()[0], within(1e-5f));
      assertThat(batch.position()).isEqualTo(3 * IMAGE_FLOATS);
    }
  }

  @Test
  void shouldAcceptAHeapBufferWithTheSameResults() throws Exception {
    try (OnnxInferenceEngine engine =
        OnnxInferenceEngine.open(EngineConfig.cpu(TestModels.small()))) {
      FloatBuffer direct = images(2, 6);
      FloatBuffer heap = FloatBuffer.allocate(2 * IMAGE_FLOATS);
      heap.put(direct.duplicate()).clear();

      assertThat(engine.run(heap, 2).probabilities()[1])
          .containsExactly(engine.run(direct, 2).probabilities()[1], within(1e-6f));
    }
  }

  @Test
  void shouldRefuseABatchTheBufferCannotHold() throws Exception {
    try (OnnxInferenceEngine engine =
        OnnxInferenceEngine.open(EngineConfig.cpu(TestModels.small()))) {
      assertThatThrownBy(() -> engine.run(images(2, 7), 3))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("holds " + 2 * IMAGE_FLOATS + " floats");
      assertThatThrownBy(() -> engine.run(images(1, 7), 0))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("got 0");
    }
  }

  @Test
  void shouldThrowAfterCloseAndCloseTwiceQuietly() throws Exception {
    OnnxInferenceEngine engine = OnnxInferenceEngine.open(EngineConfig.cpu(TestModels.small()));
    engine.close();
    engine.close();

    assertThatThrownBy(() -> engine.run(images(1, 8), 1))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("engine is closed");
  }
}
