package googlenet.streams.inference;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;

/** Input buffers as ONNX Runtime takes them without a copy: direct and in native byte order. */
final class InputBuffers {
  private InputBuffers() {}

  /**
   * A direct, native-order view of the first {@code batchSize} images of {@code input}, independent
   * of its position and limit; a copy when {@code input} is on the heap.
   *
   * @throws IllegalArgumentException when the batch size is below 1 or the buffer too small
   */
  static FloatBuffer batchView(FloatBuffer input, int batchSize, int imageFloats) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
    }
    long needed = (long) batchSize * imageFloats;
    if (input.capacity() < needed) {
      throw new IllegalArgumentException(
          "input holds "
              + input.capacity()
              + " floats; a batch of "
              + batchSize
              + " needs "
              + needed);
    }
    FloatBuffer view = input.duplicate().clear().limit((int) needed);
    if (view.isDirect() && view.order() == ByteOrder.nativeOrder()) {
      return view.slice();
    }
    FloatBuffer copy = directFloats((int) needed);
    copy.put(view).flip();
    return copy;
  }

  /**
   * A direct, native-order view of the first {@code batchSize} images of {@code input}, of {@code
   * imageBytes} bytes each; a copy when {@code input} is on the heap.
   *
   * @throws IllegalArgumentException when the batch size is below 1 or the buffer too small
   */
  static ByteBuffer batchView(ByteBuffer input, int batchSize, int imageBytes) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
    }
    long needed = (long) batchSize * imageBytes;
    if (input.capacity() < needed) {
      throw new IllegalArgumentException(
          "input holds "
              + input.capacity()
              + " bytes; a batch of "
              + batchSize
              + " needs "
              + needed);
    }
    ByteBuffer view = input.duplicate().clear().limit((int) needed);
    if (view.isDirect()) {
      return view.slice().order(ByteOrder.nativeOrder());
    }
    ByteBuffer copy = directBytes((int) needed);
    copy.put(view).flip();
    return copy;
  }

  /** A zeroed, direct, native-order buffer of {@code bytes} bytes. */
  static ByteBuffer directBytes(int bytes) {
    return ByteBuffer.allocateDirect(bytes).order(ByteOrder.nativeOrder());
  }

  /** A zeroed, direct, native-order buffer of {@code floats} floats. */
  static FloatBuffer directFloats(int floats) {
    return ByteBuffer.allocateDirect(floats * Float.BYTES)
        .order(ByteOrder.nativeOrder())
        .asFloatBuffer();
  }
}
