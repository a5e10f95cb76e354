package googlenet.streams.inference;

import static googlenet.streams.inference.EngineInputs.images;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtProvider;
import googlenet.streams.testing.CapturedLog;
import googlenet.streams.testing.TestModels;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * CUDA requested where it cannot load: this machine has neither a GPU nor the CUDA build of ONNX
 * Runtime. Real CUDA runs are not tested here (no GPU on the build machines).
 */
class ExecutionProviderFallbackTest {
  /** ONNX Runtime's message with the CPU-only jar (the default build). */
  private static final String CPU_JAR_FAILURE = "Failed to find CUDA shared provider";

  /**
   * ONNX Runtime's message with the onnxruntime_gpu jar (-Pgpu) where CUDA libraries are missing.
   */
  private static final String GPU_JAR_FAILURE = "Failed to load shared library";

  @BeforeAll
  static void requireTheCpuOnlyRuntime() {
    assumeFalse(
        OrtEnvironment.getAvailableProviders().contains(OrtProvider.CUDA)
            && "1".equals(System.getenv("GNSCI_HAS_GPU")),
        "a usable GPU is declared (GNSCI_HAS_GPU=1): fallback cannot be observed");
  }

  @Test
  void shouldFallBackToCpuWithOneWarningWhenCudaCannotLoad() throws Exception {
    EngineConfig config = EngineConfig.cpu(TestModels.small()).withProvider(ExecutionProvider.CUDA);
    try (CapturedLog log = CapturedLog.of(SessionFactory.class);
        OnnxInferenceEngine engine = OnnxInferenceEngine.open(config)) {
      BatchResult result = engine.run(images(2, 11), 2);

      assertThat(engine.provider()).isEqualTo("CPU");
      assertThat(engine.fellBack()).isTrue();
      assertThat(result.provider()).isEqualTo("CPU");
      assertThat(result.probabilities()).hasNumberOfRows(2);
      assertThat(log.messages(Level.WARN))
          .singleElement()
          .asString()
          .contains("FALLING BACK TO CPU")
          .containsAnyOf(CPU_JAR_FAILURE, GPU_JAR_FAILURE)
          .contains("-Pgpu");
    }
  }

  @Test
  void shouldNotWarnWhenCpuIsAskedFor() throws Exception {
    try (CapturedLog log = CapturedLog.of(SessionFactory.class);
        OnnxInferenceEngine engine =
            OnnxInferenceEngine.open(EngineConfig.cpu(TestModels.small()))) {
      assertThat(engine.fellBack()).isFalse();
      assertThat(log.messages(Level.WARN)).isEmpty();
    }
  }

  @Test
  void shouldRefuseToStartInStrictModeSayingWhatIsMissing() {
    EngineConfig config =
        EngineConfig.cpu(TestModels.small()).withProvider(ExecutionProvider.CUDA_STRICT);

    InferenceException e =
        catchThrowableOfType(
            InferenceException.class, () -> OnnxInferenceEngine.open(config).close());

    assertThat(e.fatal()).isTrue();
    assertThat(e.getMessage())
        .contains("cuda-strict")
        .containsAnyOf(CPU_JAR_FAILURE, GPU_JAR_FAILURE)
        .contains("CUDA 12")
        .contains("cuDNN 9")
        .contains("-Pgpu")
        .contains("GPU")
        .contains("--execution-provider cuda");
  }
}
