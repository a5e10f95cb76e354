package googlenet.streams.service;

import googlenet.streams.inference.InferenceException;
import googlenet.streams.ops.SecurityHints;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.MissingSourceTopicException;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs the streams instance's state changes, turns any uncaught stream-thread exception into a
 * client shutdown with one clear message, and signals when the instance has stopped.
 */
final class StreamsWatcher implements KafkaStreams.StateListener, StreamsUncaughtExceptionHandler {
  private static final Logger LOG = LoggerFactory.getLogger(StreamsWatcher.class);

  private final CountDownLatch stopped = new CountDownLatch(1);
  private final AtomicReference<Throwable> failure = new AtomicReference<>();
  private final String inputTopic;

  StreamsWatcher(String inputTopic) {
    this.inputTopic = inputTopic;
  }

  @Override
  public void onChange(KafkaStreams.State newState, KafkaStreams.State oldState) {
    LOG.info("Streams state {} -> {}", oldState, newState);
    if (newState == KafkaStreams.State.ERROR || newState == KafkaStreams.State.NOT_RUNNING) {
      stopped.countDown();
    }
  }

  @Override
  public StreamThreadExceptionResponse handle(Throwable exception) {
    failure.compareAndSet(null, exception);
    LOG.error("Fatal: {}; shutting the service down", describe(exception), exception);
    return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
  }

  /**
   * A one-line reason: a missing input topic by name, the fatal inference error if there is one,
   * else the root cause.
   */
  String describe(Throwable exception) {
    Throwable root = exception;
    for (Throwable t = exception; t != null; t = t.getCause()) {
      if (t instanceof InferenceException ie && ie.fatal()) {
        return "inference engine failed: " + ie.getMessage();
      }
      if (t instanceof MissingSourceTopicException) {
        return "the input topic '"
            + inputTopic
            + "' (input.topic) does not exist; create it, or set input.topic to an existing topic";
      }
      root = t;
    }
    String reason = root.getClass().getSimpleName() + ": " + root.getMessage();
    return SecurityHints.hint(exception).map(hint -> reason + "; " + hint).orElse(reason);
  }

  CountDownLatch stopped() {
    return stopped;
  }

  Optional<Throwable> failure() {
    return Optional.ofNullable(failure.get());
  }
}
