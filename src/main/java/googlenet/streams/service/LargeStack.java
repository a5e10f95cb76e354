package googlenet.streams.service;

import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs a task on a fresh thread with a large stack and waits for it. ONNX Runtime's session
 * creation for the full-size GoogLeNet needs more than 2 MB of native stack (measured: it crashes
 * the JVM with SIGSEGV, without an hs_err file, on a default 1 MB Java thread and on 2 MB; 4 MB
 * works), so the engine is opened through this.
 */
public final class LargeStack {
  /** Stack size of the thread: generous, it exists only while the task runs. */
  static final long STACK_BYTES = 64L << 20;

  /** A task that may throw a checked exception. */
  @FunctionalInterface
  public interface Task<T, E extends Exception> {
    T call() throws E;
  }

  private LargeStack() {}

  /** Runs {@code task} on a large-stack thread; rethrows what it throws. */
  @SuppressWarnings("unchecked")
  public static <T, E extends Exception> T call(String name, Task<T, E> task)
      throws E, InterruptedException {
    AtomicReference<T> result = new AtomicReference<>();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread thread =
        new Thread(
            null,
            () -> {
              try {
                result.set(task.call());
              } catch (Throwable t) {
                failure.set(t);
              }
            },
            name,
            STACK_BYTES);
    thread.start();
    thread.join();
    Throwable t = failure.get();
    if (t instanceof RuntimeException re) {
      throw re;
    } else if (t instanceof Error err) {
      throw err;
    } else if (t != null) {
      throw (E) t;
    }
    return result.get();
  }
}
