package googlenet.streams.image;

import java.util.Optional;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.slf4j.LoggerFactory;

/**
 * Whether the native decoder's library (OpenCV's core, imgproc and imgcodecs through JavaCPP, with
 * natives for linux-x86_64 and linux-arm64 in the jar) loads on this machine; found out once per
 * JVM. JavaCPP extracts the libraries to {@code ~/.javacpp/cache}, or to {@code
 * java.io.tmpdir/.javacpp-USER/cache} when the home directory is not writable (system property
 * {@code org.bytedeco.javacpp.cachedir} chooses another).
 *
 * <p>Loading also switches off OpenCV's own worker threads (every call runs on the calling thread,
 * so decoding scales with the caller's threads and its CPU time is the caller's), and, unless the
 * system property is set, JavaCPP's {@code maxPhysicalBytes} check, which would refuse allocations
 * once the process's resident size (ONNX Runtime, RocksDB) passes twice the heap.
 *
 * @param problem why the library did not load; empty when it did
 * @param version the OpenCV version when it loaded
 */
record NativeLibrary(Optional<String> problem, String version) {
  private static final String MAX_PHYSICAL_BYTES = "org.bytedeco.javacpp.maxPhysicalBytes";

  /** The availability on this JVM, loading the library on first use. */
  static NativeLibrary get() {
    return Holder.LIBRARY;
  }

  /** A library that did not load, for {@code problem}. */
  static NativeLibrary unavailable(String problem) {
    return new NativeLibrary(Optional.of(problem), "");
  }

  /** True when the library loaded. */
  boolean loaded() {
    return problem.isEmpty();
  }

  private static final class Holder {
    private static final NativeLibrary LIBRARY = load();
  }

  private static NativeLibrary load() {
    if (System.getProperty(MAX_PHYSICAL_BYTES) == null) {
      System.setProperty(MAX_PHYSICAL_BYTES, "0");
    }
    try {
      Loader.load(opencv_imgcodecs.class);
      Loader.load(opencv_imgproc.class);
      opencv_core.setNumThreads(0);
      NativeLibrary loaded = new NativeLibrary(Optional.empty(), opencv_core.CV_VERSION());
      LoggerFactory.getLogger(NativeLibrary.class)
          .info("native JPEG decoder loaded: OpenCV {} for {}", loaded.version(), platform());
      return loaded;
    } catch (LinkageError | RuntimeException e) {
      return unavailable(
          "the native JPEG decoder (OpenCV through JavaCPP) did not load for "
              + platform()
              + ": "
              + e.getClass().getSimpleName()
              + ": "
              + e.getMessage());
    }
  }

  private static String platform() {
    try {
      return Loader.getPlatform();
    } catch (LinkageError | RuntimeException e) {
      return System.getProperty("os.name") + "-" + System.getProperty("os.arch");
    }
  }
}
