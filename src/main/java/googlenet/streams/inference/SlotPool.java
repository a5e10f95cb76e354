package googlenet.streams.inference;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * A fixed set of direct, native-order buffers of one image tensor each: what decoded images wait in
 * between the decode pool and the scheduler. Fixed, so the memory of decoded images is bounded
 * whatever the input rate; a decoder that finds none free waits for a batch run to release some.
 */
final class SlotPool {
  private final BlockingQueue<FloatBuffer> free;
  private final int imageFloats;

  SlotPool(int slots, int imageFloats) {
    this.free = new ArrayBlockingQueue<>(slots);
    this.imageFloats = imageFloats;
    for (int i = 0; i < slots; i++) {
      free.add(
          ByteBuffer.allocateDirect(imageFloats * Float.BYTES)
              .order(ByteOrder.nativeOrder())
              .asFloatBuffer());
    }
  }

  /** Takes a free slot, waiting for one. */
  FloatBuffer acquire() throws InterruptedException {
    return free.take();
  }

  /** Gives a slot back. */
  void release(FloatBuffer slot) {
    free.add(slot.clear());
  }

  /** Floats per slot. */
  int imageFloats() {
    return imageFloats;
  }
}
