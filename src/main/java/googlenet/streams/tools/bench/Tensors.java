package googlenet.streams.tools.bench;

import googlenet.streams.image.ImagePreprocessor;
import googlenet.streams.image.ImageRejectedException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;

/** Direct, native-order tensor buffers as the engine wants them. */
final class Tensors {
  private Tensors() {}

  /** A direct buffer of {@code slots} image tensors. */
  private static FloatBuffer allocate(int slots) {
    return ByteBuffer.allocateDirect(slots * ImagePreprocessor.TENSOR_FLOATS * Float.BYTES)
        .order(ByteOrder.nativeOrder())
        .asFloatBuffer();
  }

  /** Preprocesses image i of the pool into slot i, for {@code slots} slots. */
  static FloatBuffer preprocessed(BenchImages images, ImagePreprocessor preprocessor, int slots) {
    FloatBuffer buffer = allocate(slots);
    for (int i = 0; i < slots; i++) {
      preprocess(preprocessor, images.jpeg(i), buffer, i);
    }
    return buffer;
  }

  /** Preprocesses one of the benchmark's own JPEGs, which must never be rejected. */
  static void preprocess(
      ImagePreprocessor preprocessor, byte[] jpeg, FloatBuffer buffer, int slot) {
    try {
      preprocessor.preprocessInto(jpeg, buffer, slot);
    } catch (ImageRejectedException e) {
      throw new IllegalStateException(
          "the benchmark's own JPEG was rejected: " + e.getMessage(), e);
    }
  }
}
