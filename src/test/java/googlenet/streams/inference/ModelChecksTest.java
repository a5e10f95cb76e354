package googlenet.streams.inference;

import static googlenet.streams.inference.EngineInputs.images;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import googlenet.streams.model.Checksums;
import googlenet.streams.testing.TestModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the engine checks and decides about a model file when it opens it. */
class ModelChecksTest {
  @TempDir Path dir;

  private static EngineConfig config(Path model, EngineConfig.Softmax softmax) {
    EngineConfig cpu = EngineConfig.cpu(model);
    return new EngineConfig(
        model,
        Optional.of("test-model"),
        Optional.of("v7"),
        Optional.empty(),
        cpu.provider(),
        0,
        Map.of(),
        1,
        1,
        false,
        EngineConfig.DEFAULT_DYNAMIC_BLOCK_BASE,
        softmax,
        false);
  }

  /** The output of a plain ONNX Runtime session, bypassing the engine. */
  private static float[] rawOutput(Path model) throws Exception {
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    try (OrtSession session = env.createSession(model.toString());
        OnnxTensor input =
            OnnxTensor.createTensor(env, images(1, 21), new long[] {1, 3, 224, 224});
        OrtSession.Result result = session.run(Map.of("data_0", input))) {
      return ((float[][]) result.get(0).getValue())[0];
    }
  }

  private static float[] softmaxOf(float[] logits) {
    float[] copy = logits.clone();
    Softmax.inPlace(copy);
    return copy;
  }

  private static float[] engineOutput(EngineConfig config) throws Exception {
    try (OnnxInferenceEngine engine = OnnxInferenceEngine.open(config)) {
      return engine.run(images(1, 21), 1).probabilities()[0];
    }
  }

  @Test
  void shouldRefuseAModelWhoseSha256DiffersNamingBothHashes() throws Exception {
    Path model = TestModels.small();
    String wrong = "ab".repeat(32);
    EngineConfig config =
        new EngineConfig(
            model,
            Optional.empty(),
            Optional.empty(),
            Optional.of(wrong),
            ExecutionProvider.CPU,
            0,
            Map.of(),
            0,
            0,
            false,
            EngineConfig.DEFAULT_DYNAMIC_BLOCK_BASE,
            EngineConfig.Softmax.AUTO,
            true);

    InferenceException e =
        catchThrowableOfType(InferenceException.class, () -> OnnxInferenceEngine.open(config));

    assertThat(e.fatal()).isTrue();
    assertThat(e.getMessage()).contains(wrong).contains(Checksums.sha256(model));
  }

  @Test
  void shouldAcceptAMatchingSha256AndStampConfiguredNameAndVersion() throws Exception {
    Path model = TestModels.small();
    EngineConfig base = config(model, EngineConfig.Softmax.AUTO);
    EngineConfig config =
        new EngineConfig(
            model,
            base.modelName(),
            base.modelVersion(),
            Optional.of(Checksums.sha256(model).toUpperCase(java.util.Locale.ROOT)),
            ExecutionProvider.CPU,
            0,
            Map.of(),
            1,
            1,
            false,
            EngineConfig.DEFAULT_DYNAMIC_BLOCK_BASE,
            EngineConfig.Softmax.AUTO,
            false);

    try (OnnxInferenceEngine engine = OnnxInferenceEngine.open(config)) {
      assertThat(engine.model().name()).isEqualTo("test-model");
      assertThat(engine.model().version()).isEqualTo("v7");
    }
  }

  @Test
  void shouldRefuseAMissingFileNamingIt() {
    Path missing = dir.resolve("nope.onnx");

    InferenceException e =
        catchThrowableOfType(
            InferenceException.class, () -> OnnxInferenceEngine.open(EngineConfig.cpu(missing)));

    assertThat(e.fatal()).isTrue();
    assertThat(e.getMessage()).contains(missing.toString()).contains("does not exist");
  }

  @Test
  void shouldRefuseAFileThatIsNotAModel() throws Exception {
    Path junk = Files.writeString(dir.resolve("junk.onnx"), "not a model");

    InferenceException e =
        catchThrowableOfType(
            InferenceException.class, () -> OnnxInferenceEngine.open(EngineConfig.cpu(junk)));

    assertThat(e.fatal()).isTrue();
    assertThat(e.getMessage()).contains(junk.toString()).contains("model info");
  }

  @Test
  void shouldNotSoftmaxTwiceAModelEndingInSoftmax() throws Exception {
    Path model = TestModels.small();
    float[] raw = rawOutput(model);
    assertThat(softmaxOf(raw)).as("a second softmax would be visible").isNotEqualTo(raw);

    float[] probabilities = engineOutput(config(model, EngineConfig.Softmax.AUTO));

    assertThat(probabilities).containsExactly(raw, within(1e-6f));
  }

  @Test
  void shouldSoftmaxALogitsModelInAutoAndAlwaysModes() throws Exception {
    Path model = TestModels.small();
    Path logits = EngineInputs.logitsVariant(model, dir.resolve("logits.onnx"));
    float[] expected = rawOutput(model);

    assertThat(engineOutput(config(logits, EngineConfig.Softmax.AUTO)))
        .containsExactly(expected, within(1e-5f));
    assertThat(engineOutput(config(logits, EngineConfig.Softmax.ALWAYS)))
        .containsExactly(expected, within(1e-5f));
    assertThat(engineOutput(config(logits, EngineConfig.Softmax.NEVER)))
        .containsExactly(rawOutput(logits), within(1e-6f));
  }

  @Test
  void shouldReportWhetherItAppliesSoftmax() throws Exception {
    Path logits = EngineInputs.logitsVariant(TestModels.small(), dir.resolve("logits.onnx"));
    try (OnnxInferenceEngine probs =
            OnnxInferenceEngine.open(config(TestModels.small(), EngineConfig.Softmax.AUTO));
        OnnxInferenceEngine raw =
            OnnxInferenceEngine.open(config(logits, EngineConfig.Softmax.AUTO))) {
      assertThat(probs.appliesSoftmax()).isFalse();
      assertThat(raw.appliesSoftmax()).isTrue();
    }
  }

  @Test
  void shouldRefuseAModelWhoseInputIsNotA224ImageBatch() throws Exception {
    Path model = TinyModels.pooling(dir.resolve("inception-v3-like.onnx"), 3, 299);

    InferenceException e =
        catchThrowableOfType(
            InferenceException.class, () -> OnnxInferenceEngine.open(EngineConfig.cpu(model)));

    assertThat(e.fatal()).isTrue();
    assertThat(e.getMessage()).contains(model.toString()).contains("[-1, 3, 299, 299]");
  }

  @Test
  void shouldPickTheFirstOutputShapedBatchByClassesWhenThereIsNoProb1() throws Exception {
    Path model = TinyModels.pooling(dir.resolve("tiny.onnx"), 3, 224);
    try (OnnxInferenceEngine engine = OnnxInferenceEngine.open(EngineConfig.cpu(model))) {
      BatchResult result = engine.run(images(2, 51), 2);

      assertThat(engine.model().inputName()).isEqualTo("x");
      assertThat(engine.model().outputName()).isEqualTo("scores");
      assertThat(engine.model().classes()).isEqualTo(3);
      assertThat(engine.appliesSoftmax()).isTrue();
      assertThat(result.probabilities()).hasDimensions(2, 3);
      assertThat(OnnxInferenceEngineTest.sum(result.probabilities()[1]))
          .isCloseTo(1f, within(1e-6f));
    }
  }
}
