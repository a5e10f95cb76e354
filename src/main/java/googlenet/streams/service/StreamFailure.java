package googlenet.streams.service;

import googlenet.streams.inference.InferenceException;
import googlenet.streams.serde.RegistryUnavailableException;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.DisconnectException;
import org.apache.kafka.common.errors.InvalidPidMappingException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.NetworkException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TransactionAbortableException;
import org.apache.kafka.common.errors.TransactionAbortedException;
import org.apache.kafka.common.errors.UnknownProducerIdException;
import org.apache.kafka.streams.errors.MissingSourceTopicException;
import org.apache.kafka.streams.errors.TaskCorruptedException;
import org.apache.kafka.streams.errors.TaskMigratedException;

/**
 * Whether a stream thread's uncaught exception is transient (a new thread, reading again from the
 * last commit, gets past it: the broker was away, a request timed out, a transaction was fenced or
 * aborted) or fatal (a restart cannot fix it: the inference engine failed, the input topic is
 * missing, credentials or ACLs are wrong, the configuration is invalid, or anything not known to be
 * transient).
 *
 * <p>The whole cause chain is read, since Kafka Streams wraps the client's exception in a {@code
 * StreamsException} and the producer wraps the first failure of a transaction in a {@code
 * KafkaException} ("Cannot execute transactional method because we are in an error state"): a fatal
 * cause anywhere makes the failure fatal; otherwise the first transient cause decides.
 *
 * @param isTransient whether replacing the stream thread is the answer
 * @param reason a short tag for metrics and logs, e.g. {@code timeout}, {@code broker-unreachable},
 *     {@code producer-fenced}; {@code fatal} when not transient
 * @param cause the exception in the chain that decided
 */
public record StreamFailure(boolean isTransient, String reason, Throwable cause) {
  /** The reason of every failure that is not transient. */
  public static final String FATAL = "fatal";

  /**
   * Classifies {@code exception} by its cause chain; the producer's error-state refusal counts only
   * when no cause says more.
   */
  public static StreamFailure classify(Throwable exception) {
    Optional<Throwable> fatal = chain(exception).filter(StreamFailure::isFatal).findFirst();
    if (fatal.isPresent()) {
      return new StreamFailure(false, FATAL, fatal.get());
    }
    return chain(exception)
        .map(t -> transientReason(t).map(r -> new StreamFailure(true, r, t)))
        .flatMap(Optional::stream)
        .findFirst()
        .or(
            () ->
                chain(exception)
                    .filter(StreamFailure::inErrorState)
                    .findFirst()
                    .map(t -> new StreamFailure(true, "transaction-error-state", t)))
        .orElseGet(() -> new StreamFailure(false, FATAL, root(exception)));
  }

  /** A line for the log: the reason and the deciding exception. */
  public String describe() {
    return reason + " (" + cause.getClass().getSimpleName() + ": " + cause.getMessage() + ")";
  }

  private static boolean isFatal(Throwable t) {
    return (t instanceof InferenceException ie && ie.fatal())
        || t instanceof MissingSourceTopicException
        || t instanceof AuthenticationException
        || t instanceof AuthorizationException
        || t instanceof ConfigException;
  }

  private static Optional<String> transientReason(Throwable t) {
    String reason = null;
    if (t instanceof RegistryUnavailableException) {
      reason = "registry-unavailable";
    } else if (t instanceof TaskMigratedException) {
      reason = "task-migrated";
    } else if (t instanceof TaskCorruptedException) {
      reason = "task-corrupted";
    } else if (t instanceof ProducerFencedException
        || t instanceof InvalidProducerEpochException
        || t instanceof UnknownProducerIdException
        || t instanceof InvalidPidMappingException) {
      reason = "producer-fenced";
    } else if (t instanceof TransactionAbortedException
        || t instanceof TransactionAbortableException) {
      reason = "transaction-aborted";
    } else if (t instanceof TimeoutException) {
      reason = "timeout";
    } else if (t instanceof DisconnectException || t instanceof NetworkException) {
      reason = "broker-unreachable";
    } else if (t instanceof RetriableException) {
      reason = "retriable";
    }
    return Optional.ofNullable(reason);
  }

  /**
   * The producer's plain {@code KafkaException}s for a transaction that has to be aborted: a
   * refusal after an earlier failure of the same transaction, or sends it can no longer retry (seen
   * when the broker went away during a commit). Kafka 4.4's own texts.
   */
  private static final List<String> ABORTABLE =
      List.of(
          "because we are in an error state",
          "previous transactional or idempotent request has failed",
          "safe to abort the transaction");

  private static boolean inErrorState(Throwable t) {
    String message = t.getMessage();
    return t.getClass() == KafkaException.class
        && message != null
        && ABORTABLE.stream().anyMatch(message::contains);
  }

  private static Stream<Throwable> chain(Throwable exception) {
    return Stream.iterate(exception, t -> t != null, Throwable::getCause).limit(32);
  }

  private static Throwable root(Throwable exception) {
    return chain(exception).reduce((a, b) -> b).orElse(exception);
  }
}
