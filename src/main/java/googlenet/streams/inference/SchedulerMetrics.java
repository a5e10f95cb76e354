package googlenet.streams.inference;

/**
 * What the {@link Classifier} reports as it runs. Every method has a no-op default; {@link #NONE}
 * reports nothing. Implementations are thread-safe: the decode pool and every scheduler runner call
 * the same instance.
 */
public interface SchedulerMetrics {
  /** Reports nothing. */
  SchedulerMetrics NONE = new SchedulerMetrics() {};

  /**
   * The engine ran one batch formed by the scheduler.
   *
   * @param size number of images in it, from any number of stream threads and tasks
   * @param queueNanos how long its oldest image waited in the scheduler's queue
   * @param inferenceNanos wall time of the run
   */
  default void batchRun(int size, long queueNanos, long inferenceNanos) {}

  /** An image was decoded and preprocessed in {@code nanos} on a decode thread. */
  default void decoded(long nanos) {}
}
