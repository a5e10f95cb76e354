package googlenet.streams.inference;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;

/**
 * Runs batches of preprocessed images through a model. Knows nothing of Kafka. One engine per
 * process and device, shared by all stream threads: {@link #run} is thread-safe.
 */
public interface InferenceEngine extends AutoCloseable {

  /** The loaded model. */
  ModelInfo model();

  /** The provider sessions actually run on: {@code CPU} or {@code CUDA}. */
  String provider();

  /** True when CUDA was asked for and the engine fell back to the CPU. */
  boolean fellBack();

  /**
   * Runs {@code batchSize} images whose CHW tensors lie one after another from index 0 of {@code
   * input} (a direct, native-order buffer of at least batchSize * 3 * 224 * 224 floats). Models
   * with a fixed batch of 1 are run image by image.
   *
   * @throws InferenceException when ONNX Runtime fails; {@code fatal()} says whether to stop
   */
  BatchResult run(FloatBuffer input, int batchSize) throws InferenceException;

  /** What one image is in the model's input; CHW floats unless the preprocessing is fused in. */
  default ImageInput input() {
    return ImageInput.FLOAT_CHW;
  }

  /**
   * Runs {@code batchSize} images lying one after another from index 0 of {@code input}, a direct,
   * native-order buffer of at least batchSize * {@code input().bytes()} bytes: the float tensors of
   * {@link #run(FloatBuffer, int)} as bytes, or uint8 pixels when {@link #input()} says so. The
   * classifier hands every batch over this way. By default, views the bytes as floats.
   *
   * @throws InferenceException when ONNX Runtime fails; {@code fatal()} says whether to stop
   */
  default BatchResult run(ByteBuffer input, int batchSize) throws InferenceException {
    return run(input.duplicate().clear().order(ByteOrder.nativeOrder()).asFloatBuffer(), batchSize);
  }

  /** Releases the session and every native object. Further runs throw. */
  @Override
  void close();
}
