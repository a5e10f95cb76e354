package googlenet.streams.backfill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
