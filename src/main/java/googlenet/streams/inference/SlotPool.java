package googlenet.streams.inference;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * A fixed set of direct, native-order buffers of one image tensor each (floats, or uint8 pixels for
 * a model with the preprocessing fused in): what decoded images wait in between the decode pool and
 * the scheduler. Fixed, so the memory of decoded images is bounded whatever the input rate; a
 * decoder that finds none free waits for a batch run to release some.
 */
final class SlotPool {
  private final BlockingQueue<ByteBuffer> free;
  private final int imageBytes;

  SlotPool(int slots, int imageBytes) {
    this.free = new ArrayBlockingQueue<>(slots);
    this.imageBytes = imageBytes;
    for (int i = 0; i < slots; i++) {
      free.add(ByteBuffer.allocateDirect(imageBytes).order(ByteOrder.nativeOrder()));
    }
  }

  /** Takes a free slot, waiting for one. */
  ByteBuffer acquire() throws InterruptedException {
    return free.take();
  }

  /** Gives a slot back. */
  void release(ByteBuffer slot) {
    free.add(slot.clear());
  }

  /** Bytes per slot. */
  int imageBytes() {
    return imageBytes;
  }
}
