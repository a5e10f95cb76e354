package googlenet.streams.service;

import static org.assertj.core.api.Assertions.assertThat;

import googlenet.streams.inference.InferenceException;
import googlenet.streams.serde.RegistryUnavailableException;
import java.time.Duration;
import java.util.Set;
import java.util.stream.IntStream;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.DisconnectException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.NetworkException;
import org.apache.kafka.common.errors.NotCoordinatorException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.TransactionAbortedException;
import org.apache.kafka.streams.errors.MissingSourceTopicException;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.errors.TaskCorruptedException;
import org.apache.kafka.streams.errors.TaskMigratedException;
import org.apache.kafka.streams.processor.TaskId;
import org.junit.jupiter.api.Test;

class StreamFailureTest {
  private static final String ERROR_STATE =
      "Cannot execute transactional method because we are in an error state";

  @Test
  void shouldReplaceTheThreadAfterTheBrokerOutageThatStoppedTheService() {
    // What issue 14's 60 s outage raised: a send timed out, the transaction went to an error state.
    Throwable outage =
        new StreamsException(
            "Error encountered sending record to topic classifications",
            new KafkaException(
                ERROR_STATE,
                new TimeoutException(
                    "Topic classifications not present in metadata after 60000 ms.")));

    StreamFailure failure = StreamFailure.classify(outage);

    assertThat(failure.isTransient()).isTrue();
    assertThat(failure.reason()).isEqualTo("timeout");
    assertThat(failure.cause()).isInstanceOf(TimeoutException.class);
    assertThat(failure.describe())
        .isEqualTo(
            "timeout (TimeoutException: Topic classifications not present in metadata after"
                + " 60000 ms.)");
  }

  @Test
  void shouldNameEachKindOfTransientFailure() {
    assertTransient(new StreamsException(new ProducerFencedException("fenced")), "producer-fenced");
    assertTransient(
        new StreamsException(new KafkaException(new InvalidProducerEpochException("epoch"))),
        "producer-fenced");
    assertTransient(new TransactionAbortedException("aborted"), "transaction-aborted");
    assertTransient(
        new StreamsException(new KafkaException(ERROR_STATE)), "transaction-error-state");
    assertTransient(
        new StreamsException(
            "Error encountered trying to commit a transaction",
            new KafkaException(
                "The client hasn't received acknowledgment for some previously sent messages and"
                    + " can no longer retry them. It is safe to abort the transaction and"
                    + " continue.")),
        "transaction-error-state");
    assertTransient(new TaskMigratedException("migrated"), "task-migrated");
    assertTransient(new TaskCorruptedException(Set.of(new TaskId(0, 1))), "task-corrupted");
    assertTransient(new StreamsException(new DisconnectException()), "broker-unreachable");
    assertTransient(new NetworkException("connection reset"), "broker-unreachable");
    assertTransient(new StreamsException(new NotCoordinatorException("moved")), "retriable");
    assertTransient(
        new StreamsException(new RegistryUnavailableException("GET /schemas/ids/7 failed")),
        "registry-unavailable");
  }

  @Test
  void shouldStopForWhatARestartCannotFix() {
    assertFatal(
        new StreamsException(new InferenceException("CUDA device lost", true, null)),
        InferenceException.class);
    assertFatal(
        new StreamsException(new MissingSourceTopicException("images is missing")),
        MissingSourceTopicException.class);
    assertFatal(
        new StreamsException(new TopicAuthorizationException(Set.of("classifications"))),
        TopicAuthorizationException.class);
    assertFatal(new SaslAuthenticationException("bad password"), SaslAuthenticationException.class);
    assertFatal(new ConfigException("max.block.ms", "x"), ConfigException.class);
    assertFatal(
        new StreamsException(new RecordTooLargeException("too large")),
        RecordTooLargeException.class);
    assertFatal(new StreamsException(new NullPointerException("bug")), NullPointerException.class);
  }

  @Test
  void shouldLetAFatalCauseWinOverATransientWrapper() {
    Throwable timeoutFromAcl =
        new TimeoutException("commit failed", new TopicAuthorizationException("no WRITE"));

    StreamFailure failure = StreamFailure.classify(new StreamsException(timeoutFromAcl));

    assertThat(failure.isTransient()).isFalse();
    assertThat(failure.reason()).isEqualTo(StreamFailure.FATAL);
    assertThat(failure.cause()).isInstanceOf(TopicAuthorizationException.class);
  }

  @Test
  void shouldWaitLongerBeforeEachReplacementInARowUpToTenSeconds() {
    assertThat(IntStream.rangeClosed(1, 8).mapToObj(StreamsRunner::replaceDelay))
        .containsExactly(
            Duration.ZERO,
            Duration.ofSeconds(1),
            Duration.ofSeconds(2),
            Duration.ofSeconds(4),
            Duration.ofSeconds(8),
            Duration.ofSeconds(10),
            Duration.ofSeconds(10),
            Duration.ofSeconds(10));
    assertThat(StreamsRunner.replaceDelay(1000)).isEqualTo(Duration.ofSeconds(10));
  }

  private static void assertTransient(Throwable exception, String reason) {
    StreamFailure failure = StreamFailure.classify(exception);
    assertThat(failure.isTransient()).as("transient: %s", exception).isTrue();
    assertThat(failure.reason()).as("reason of %s", exception).isEqualTo(reason);
  }

  private static void assertFatal(Throwable exception, Class<? extends Throwable> decisive) {
    StreamFailure failure = StreamFailure.classify(exception);
    assertThat(failure.isTransient()).as("fatal: %s", exception).isFalse();
    assertThat(failure.reason()).isEqualTo(StreamFailure.FATAL);
    assertThat(failure.cause()).isInstanceOf(decisive);
  }
}
