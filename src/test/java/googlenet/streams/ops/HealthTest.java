package googlenet.streams.ops;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.streams.KafkaStreams.State;
import org.junit.jupiter.api.Test;

class HealthTest {
  private final Health health = new Health();

  @Test
  void shouldBeLiveButNotReadyBeforeTheModelLoadsAndStreamsRun() {
    assertThat(health.live().ok()).isTrue();
    assertThat(health.ready().ok()).isFalse();
    assertThat(health.ready().reasons())
        .containsExactly("model not loaded", "streams state CREATED");
  }

  @Test
  void shouldBeReadyOnlyWhileRunningWithTheModelLoaded() {
    health.modelLoaded();
    health.onChange(State.REBALANCING, State.CREATED);
    assertThat(health.ready().reasons()).containsExactly("streams state REBALANCING");

    health.onChange(State.RUNNING, State.REBALANCING);
    assertThat(health.ready().ok()).isTrue();

    health.onChange(State.REBALANCING, State.RUNNING);
    assertThat(health.ready().ok()).isFalse();
  }

  @Test
  void shouldStopBeingReadyButStayLiveWhenShutdownBegins() {
    health.modelLoaded();
    health.onChange(State.RUNNING, State.REBALANCING);

    health.shuttingDown();

    assertThat(health.ready().reasons()).containsExactly("shutting down");
    assertThat(health.live().ok()).isTrue();
    health.onChange(State.PENDING_SHUTDOWN, State.RUNNING);
    assertThat(health.live().ok()).isTrue();
  }

  @Test
  void shouldNotBeLiveInErrorOrAfterAFatalError() {
    health.modelLoaded();
    health.onChange(State.PENDING_ERROR, State.RUNNING);
    assertThat(health.live().reasons()).containsExactly("streams state PENDING_ERROR");
    assertThat(health.ready().reasons()).containsExactly("streams state PENDING_ERROR");

    Health other = new Health();
    other.fatal("TopicAuthorizationException: not authorized to write classifications");
    assertThat(other.live().reasons())
        .containsExactly(
            "fatal error: TopicAuthorizationException: not authorized to write classifications");
  }

  @Test
  void shouldBeNotReadyButLiveWhileTheBrokersAreUnreachableOrAThreadIsReplaced() {
    health.modelLoaded();
    health.onChange(State.RUNNING, State.REBALANCING);

    health.brokersUnreachable("127.0.0.1:9092: connection refused");
    health.threadReplaced();

    assertThat(health.ready().reasons())
        .containsExactly(
            "Kafka brokers unreachable: 127.0.0.1:9092: connection refused",
            "stream thread being replaced after a transient failure");
    assertThat(health.live().ok()).isTrue();

    health.brokersUnreachable(null);
    health.onChange(State.REBALANCING, State.RUNNING);
    assertThat(health.ready().reasons())
        .containsExactly(
            "streams state REBALANCING", "stream thread being replaced after a transient failure");
    health.onChange(State.RUNNING, State.REBALANCING);
    assertThat(health.ready().ok()).isTrue();
  }
}
