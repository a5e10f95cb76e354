package googlenet.streams.topology;

import googlenet.streams.image.ImagePreprocessor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Arrays;

/**
 * The preprocessed tensors of the images waiting in one task's batch: a direct, native-order buffer
 * of {@code capacity} image slots, each remembering which input offset it holds, so an image
 * decoded on arrival is not decoded again when its batch runs. Not thread-safe: one per processor
 * (task).
 */
final class SlotBuffer {
  private static final int FLOATS = ImagePreprocessor.TENSOR_FLOATS;

  private final FloatBuffer tensors;
  private final long[] offsets;

  SlotBuffer(int capacity) {
    this.tensors =
        ByteBuffer.allocateDirect(capacity * FLOATS * Float.BYTES)
            .order(ByteOrder.nativeOrder())
            .asFloatBuffer();
    this.offsets = new long[capacity];
    clear();
  }

  int capacity() {
    return offsets.length;
  }

  /** The whole buffer, slot 0 at index 0: the input of a batch run. */
  FloatBuffer tensors() {
    return tensors;
  }

  /** Slot {@code slot} alone, at index 0 of a view: the input of a run of one image. */
  FloatBuffer single(int slot) {
    return tensors.slice(slot * FLOATS, FLOATS);
  }

  /** Records that slot {@code slot} now holds the tensor of input {@code offset}. */
  void assign(int slot, long offset) {
    offsets[slot] = offset;
  }

  /** The slot holding the tensor of {@code offset}, or -1. */
  int slotOf(long offset) {
    for (int i = 0; i < offsets.length; i++) {
      if (offsets[i] == offset) {
        return i;
      }
    }
    return -1;
  }

  /** Copies the tensor of slot {@code from} to slot {@code to} and moves its offset along. */
  void move(int from, int to) {
    tensors.put(to * FLOATS, tensors, from * FLOATS, FLOATS);
    offsets[to] = offsets[from];
    offsets[from] = -1;
  }

  /** Forgets every slot. */
  void clear() {
    Arrays.fill(offsets, -1);
  }
}
