package googlenet.streams.cli;

import googlenet.streams.image.ImageLimits;
import googlenet.streams.image.ImagePreprocessor;
import googlenet.streams.image.ImageRejectedException;
import googlenet.streams.image.PreprocessProfile;
import googlenet.streams.image.SampleImages;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The cost of decoding and preprocessing one generated JPEG on the calling thread.
 *
 * @param width image width
 * @param height image height
 * @param jpegBytes encoded size
 * @param iterations timed preprocessings
 * @param medianMillis median time of one, in milliseconds
 * @param meanMillis mean time of one, in milliseconds
 */
record PreprocessCost(
    int width, int height, int jpegBytes, int iterations, double medianMillis, double meanMillis) {
  private static final int WARMUP = 20;

  /** Times {@code iterations} preprocessings of a {@code width x height} JPEG (seed 1). */
  static PreprocessCost measure(PreprocessProfile profile, int width, int height, int iterations)
      throws ImageRejectedException {
    byte[] jpeg = SampleImages.jpeg(width, height, 1);
    ImagePreprocessor preprocessor = new ImagePreprocessor(profile, ImageLimits.DEFAULT);
    FloatBuffer slot =
        ByteBuffer.allocateDirect(ImagePreprocessor.TENSOR_FLOATS * Float.BYTES)
            .order(ByteOrder.nativeOrder())
            .asFloatBuffer();
    for (int i = 0; i < WARMUP; i++) {
      preprocessor.preprocessInto(jpeg, slot, 0);
    }
    List<Long> nanos = new ArrayList<>(iterations);
    long total = 0;
    for (int i = 0; i < iterations; i++) {
      long t0 = System.nanoTime();
      preprocessor.preprocessInto(jpeg, slot, 0);
      long took = System.nanoTime() - t0;
      nanos.add(took);
      total += took;
    }
    return new PreprocessCost(
        width,
        height,
        jpeg.length,
        iterations,
        ThroughputPoint.median(nanos) / 1e6,
        total / 1e6 / iterations);
  }
}
