package googlenet.streams.backfill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class BackfillDefinitionTest {
  private final BackfillDefinition definition =
      new BackfillDefinition(
          1,
          "week-47",
          "images",
          "relabelled",
          "relabelled.dlq",
          "2026-11-16T00:00:00Z",
          "now",
          List.of(new PartitionRange(0, 10, 250), new PartitionRange(1, 0, 0)),
          "2026-11-23T08:00:00Z");

  @Test
  void shouldRoundTripThroughJson() {
    assertThat(BackfillDefinition.fromJson(definition.toJson())).isEqualTo(definition);
    assertThat(definition.total()).isEqualTo(240);
  }

  @Test
  void shouldMatchOnlyARequestWithTheSameTopicsAndRange() {
    BackfillRequest same =
        BackfillRequest.of(
            "week-47",
            "images",
            "relabelled",
            TimeBound.parse("--from", "2026-11-16"),
            TimeBound.now());
    assertThat(definition.sameAs(same)).isTrue();
    assertThat(definition.sameAs(same.withBatchSize(64).withMaxRate(5))).isTrue();
    BackfillRequest otherTo =
        BackfillRequest.of(
            "week-47",
            "images",
            "relabelled",
            TimeBound.parse("--from", "2026-11-16"),
            TimeBound.parse("--to", "2026-11-20"));
    assertThat(definition.sameAs(otherTo)).isFalse();
  }

  @Test
  void shouldRefuseAnUnknownFormatVersion() {
    byte[] json =
        new String(definition.toJson(), StandardCharsets.UTF_8)
            .replace("\"version\":1", "\"version\":9")
            .getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> BackfillDefinition.fromJson(json))
        .hasMessageContaining("format version 9");
  }
}
