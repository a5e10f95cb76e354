package googlenet.streams.tools.bench;

import googlenet.streams.image.ImageLimits;
import googlenet.streams.image.ImagePreprocessor;
import googlenet.streams.image.ImageRejectedException;
import googlenet.streams.image.PreprocessProfile;
import googlenet.streams.tools.fixtures.SampleImages;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Measures decode + preprocessing of one 640x480 {@link SampleImages} JPEG on the calling thread,
 * into a direct native-order buffer, as the pipeline does. A report, not a test: timings depend on
 * the machine and its load.
 */
public final class PreprocessBenchmark {
  /** Width of the measured JPEG. */
  public static final int WIDTH = 640;

  /** Height of the measured JPEG. */
  public static final int HEIGHT = 480;

  private PreprocessBenchmark() {}

  /**
   * Timing of one profile.
   *
   * @param profile the preprocessing profile
   * @param jpegBytes size of the measured JPEG
   * @param iterations measured runs (after as many warm-up runs, at least 50)
   * @param medianMs median wall-clock milliseconds per image
   * @param p95Ms 95th percentile wall-clock milliseconds per image
   * @param medianCpuMs median CPU milliseconds of the calling thread per image: close to {@code
   *     medianMs} on an idle machine, and the steadier figure on a shared one
   */
  public record Result(
      PreprocessProfile profile,
      int jpegBytes,
      int iterations,
      double medianMs,
      double p95Ms,
      double medianCpuMs) {
    /** One line for a report, e.g. {@code caffe-bgr: median 2.10 ms, p95 2.60 ms, ...}. */
    public String describe() {
      return String.format(
          Locale.ROOT,
          "%s: median %.2f ms, p95 %.2f ms, median CPU %.2f ms per %dx%d JPEG (%d bytes),"
              + " %d runs, 1 thread",
          profile.id(),
          medianMs,
          p95Ms,
          medianCpuMs,
          WIDTH,
          HEIGHT,
          jpegBytes,
          iterations);
    }
  }

  /** Measures every profile with {@code iterations} runs each. */
  public static List<Result> run(int iterations) {
    List<Result> results = new ArrayList<>();
    for (PreprocessProfile profile : PreprocessProfile.values()) {
      results.add(run(profile, iterations));
    }
    return results;
  }

  /** Measures one profile with {@code iterations} runs after a warm-up. */
  public static Result run(PreprocessProfile profile, int iterations) {
    if (iterations < 1) {
      throw new IllegalArgumentException("iterations must be at least 1, got " + iterations);
    }
    byte[] jpeg = SampleImages.jpeg(WIDTH, HEIGHT, 1);
    ImagePreprocessor preprocessor = new ImagePreprocessor(profile, ImageLimits.DEFAULT);
    FloatBuffer batch =
        ByteBuffer.allocateDirect(Float.BYTES * ImagePreprocessor.TENSOR_FLOATS)
            .order(ByteOrder.nativeOrder())
            .asFloatBuffer();
    try {
      for (int i = 0; i < Math.max(50, iterations); i++) {
        preprocessor.preprocessInto(jpeg, batch, 0);
      }
      ThreadMXBean threads = ManagementFactory.getThreadMXBean();
      boolean cpu = threads.isCurrentThreadCpuTimeSupported();
      long[] nanos = new long[iterations];
      long[] cpuNanos = new long[iterations];
      for (int i = 0; i < iterations; i++) {
        long cpuStart = cpu ? threads.getCurrentThreadCpuTime() : 0;
        long start = System.nanoTime();
        preprocessor.preprocessInto(jpeg, batch, 0);
        nanos[i] = System.nanoTime() - start;
        cpuNanos[i] = cpu ? threads.getCurrentThreadCpuTime() - cpuStart : nanos[i];
      }
      Arrays.sort(nanos);
      Arrays.sort(cpuNanos);
      return new Result(
          profile,
          jpeg.length,
          iterations,
          nanos[iterations / 2] / 1e6,
          nanos[Math.min(iterations - 1, (int) Math.ceil(iterations * 0.95) - 1)] / 1e6,
          cpuNanos[iterations / 2] / 1e6);
    } catch (ImageRejectedException e) {
      throw new IllegalStateException(
          "the benchmark's own JPEG was rejected: " + e.getMessage(), e);
    }
  }

  /** Prints the timing of every profile: {@code PreprocessBenchmark [iterations]}. */
  public static void main(String[] args) {
    int iterations = args.length > 0 ? Integer.parseInt(args[0]) : 200;
    for (Result result : run(iterations)) {
      System.out.println(result.describe());
    }
  }
}
