package googlenet.streams.inference;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How to open an {@link InferenceEngine}.
 *
 * @param model the ONNX model file
 * @param modelName name stamped on results; empty to take the file name without extension
 * @param modelVersion version stamped on results; empty to take the first 12 hex digits of the
 *     file's sha256
 * @param expectedSha256 when present, the file's SHA-256 must match or the engine refuses to load
 * @param provider the execution provider asked for
 * @param deviceId the CUDA device id (ignored on the CPU)
 * @param cudaOptions CUDA provider options passed to {@code OrtCUDAProviderOptions.add}, e.g.
 *     {@code cudnn_conv_algo_search=HEURISTIC}, {@code gpu_mem_limit}, {@code
 *     arena_extend_strategy}
 * @param intraOpThreads ONNX Runtime intra-op threads; 0 lets ONNX Runtime choose
 * @param interOpThreads ONNX Runtime inter-op threads; 0 lets ONNX Runtime choose
 * @param intraOpSpinning whether the intra-op threads spin while they wait for work (ONNX Runtime's
 *     default) rather than sleep; off, they leave the cores to decoding and Kafka between runs
 * @param dynamicBlockBase ONNX Runtime's {@code session.dynamic_block_base}: an operator's
 *     iterations are handed to the intra-op threads in blocks that start at N / (threads x this)
 *     and shrink as the work runs out, so a thread the OS has taken off a core holds up less of the
 *     operator; 0 keeps ONNX Runtime's static blocks
 * @param softmax whether to apply softmax to the output
 * @param warmup whether to run one batch at start so the first real batch is not slow
 */
public record EngineConfig(
    Path model,
    Optional<String> modelName,
    Optional<String> modelVersion,
    Optional<String> expectedSha256,
    ExecutionProvider provider,
    int deviceId,
    Map<String, String> cudaOptions,
    int intraOpThreads,
    int interOpThreads,
    boolean intraOpSpinning,
    int dynamicBlockBase,
    Softmax softmax,
    boolean warmup) {

  /** Whether the engine applies softmax to the model's output. */
  public enum Softmax {
    /** Apply it when the model's output does not already end in a Softmax node. */
    AUTO,
    /** Always apply it (the model outputs logits). */
    ALWAYS,
    /** Never apply it (the model outputs probabilities). */
    NEVER
  }

  /**
   * The default {@code dynamicBlockBase}: the value ONNX Runtime's documentation suggests. In the
   * pipeline on 2 shared cores it raised the default pipeline's throughput by 1-8% across four
   * paired runs, with the inference threads' CPU per image up to 5% lower (docs/performance.md).
   */
  public static final int DEFAULT_DYNAMIC_BLOCK_BASE = 4;

  /** Validates and copies the options. */
  public EngineConfig {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(provider, "provider");
    cudaOptions = Map.copyOf(cudaOptions);
    if (intraOpThreads < 0 || interOpThreads < 0) {
      throw new IllegalArgumentException(
          "thread counts must be >= 0, got intra " + intraOpThreads + ", inter " + interOpThreads);
    }
    if (dynamicBlockBase < 0) {
      throw new IllegalArgumentException(
          "dynamic block base must be >= 0, got " + dynamicBlockBase);
    }
  }

  /**
   * CPU defaults for a model file: ONNX Runtime's thread choice without spinning, dynamic blocks,
   * softmax auto, warm-up on.
   */
  public static EngineConfig cpu(Path model) {
    return new EngineConfig(
        model,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        ExecutionProvider.CPU,
        0,
        Map.of(),
        0,
        0,
        false,
        DEFAULT_DYNAMIC_BLOCK_BASE,
        Softmax.AUTO,
        true);
  }

  /** A copy asking for another execution provider. */
  public EngineConfig withProvider(ExecutionProvider newProvider) {
    return new EngineConfig(
        model,
        modelName,
        modelVersion,
        expectedSha256,
        newProvider,
        deviceId,
        cudaOptions,
        intraOpThreads,
        interOpThreads,
        intraOpSpinning,
        dynamicBlockBase,
        softmax,
        warmup);
  }
}
