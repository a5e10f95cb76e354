package googlenet.streams.backfill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackfillRequestTest {
  @Test
  void shouldDeriveItsOwnApplicationIdAndDeadLetterTopic() {
    BackfillRequest r =
        BackfillRequest.of("v2-week", "images", "labels-v2", TimeBound.earliest(), TimeBound.now());
    assertThat(r.applicationId()).isEqualTo("googlenet-streams-backfill-v2-week");
    assertThat(r.dlqTopic()).isEqualTo("labels-v2.dlq");
    assertThat(r.batchSize()).isEqualTo(32);
  }

  @Test
  void shouldRefuseFromAfterTo() {
    assertThatThrownBy(
            () ->
                BackfillRequest.of(
                    "x",
                    "in",
                    "out",
                    TimeBound.parse("--from", "2026-11-21"),
                    TimeBound.parse("--to", "2026-11-20")))
        .hasMessageContaining(
            "--from 2026-11-21T00:00:00Z is not before --to 2026-11-20T00:00:00Z");
  }

  @Test
  void shouldRefuseABatchDelayOutsideWhatTheServiceTakesNamingTheFlag() {
    BackfillRequest r = BackfillRequest.of("x", "in", "out", TimeBound.earliest(), TimeBound.now());

    assertThat(r.withBatchDelay(Duration.ofSeconds(60)).batchDelay()).hasSeconds(60);
    assertThatThrownBy(() -> r.withBatchDelay(Duration.ofMillis(60_001)))
        .hasMessage("--batch-delay-ms 60001 must be within 1..60000 (ms)");
    assertThatThrownBy(() -> r.withBatchDelay(Duration.ZERO))
        .hasMessage("--batch-delay-ms 0 must be within 1..60000 (ms)");
  }

  @Test
  void shouldRefuseANameThatCannotBeAnApplicationId() {
    assertThatThrownBy(
            () -> BackfillRequest.of("a b", "in", "out", TimeBound.earliest(), TimeBound.now()))
        .hasMessageContaining("--name 'a b' is not a valid backfill name");
  }

  @Test
  void shouldRefuseWritingToTheInputTopic() {
    assertThatThrownBy(
            () -> BackfillRequest.of("x", "in", "in", TimeBound.earliest(), TimeBound.now()))
        .hasMessageContaining("--input in is also the output");
  }
}
