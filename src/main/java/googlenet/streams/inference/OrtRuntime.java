package googlenet.streams.inference;

import ai.onnxruntime.OrtEnvironment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The process-wide ONNX Runtime environment, created on a thread with a stack large enough for the
 * native initialisation.
 *
 * <p>Why: ONNX Runtime 1.29.0 reads {@code /proc/self/cmdline} while it creates its environment,
 * with a recursion whose depth grows with the command line's length (about 270 bytes of stack per
 * byte of command line). On a JVM thread's default 1 MB stack, a command line over ~3.9 KB (for
 * example {@code classify} given a few hundred files, or a long {@code -cp}) kills the JVM with
 * SIGSEGV and no Java stack trace. Once the environment exists, later calls are unaffected.
 */
final class OrtRuntime {
  private static final long MIN_STACK = 16L << 20;
  private static final long STACK_PER_CMDLINE_BYTE = 1024;

  private OrtRuntime() {}

  /**
   * The environment ({@link OrtEnvironment#getEnvironment()}), created the first time on a thread
   * whose stack is sized from the command line.
   *
   * @throws InferenceException (fatal) when the native library cannot be loaded
   */
  static OrtEnvironment environment() throws InferenceException {
    AtomicReference<OrtEnvironment> env = new AtomicReference<>();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Runnable create =
        () -> {
          try {
            env.set(OrtEnvironment.getEnvironment());
          } catch (RuntimeException | LinkageError e) {
            failure.set(e);
          }
        };
    Thread thread = new Thread(null, create, "onnxruntime-init", stackSize());
    thread.start();
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InferenceException("interrupted while loading ONNX Runtime", true, e);
    }
    if (env.get() == null) {
      Throwable cause = failure.get();
      throw new InferenceException(
          "cannot load the ONNX Runtime native library: " + cause, true, cause);
    }
    return env.get();
  }

  private static long stackSize() {
    try {
      long length = Files.readAllBytes(Path.of("/proc/self/cmdline")).length;
      return Math.max(MIN_STACK, length * STACK_PER_CMDLINE_BYTE);
    } catch (IOException | RuntimeException e) {
      return MIN_STACK;
    }
  }
}
