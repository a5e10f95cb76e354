package googlenet.streams.backfill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class TimeBoundTest {
  @Test
  void shouldParseInstantsOffsetsDatesAndKeywords() {
    assertThat(TimeBound.parse("--from", "2026-11-20T10:15:00Z").instant())
        .contains(Instant.parse("2026-11-20T10:15:00Z"));
    assertThat(TimeBound.parse("--from", "2026-11-20T11:15:00+01:00").spec())
        .isEqualTo("2026-11-20T10:15:00Z");
    assertThat(TimeBound.parse("--to", "2026-11-20").spec()).isEqualTo("2026-11-20T00:00:00Z");
    assertThat(TimeBound.parse("--from", "EARLIEST")).isEqualTo(TimeBound.earliest());
    assertThat(TimeBound.parse("--to", " now ")).isEqualTo(TimeBound.now());
  }

  @Test
  void shouldNameTheOptionTheValueAndTheFormatWhenInvalid() {
    assertThatThrownBy(() -> TimeBound.parse("--to", "20/11/2026"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--to '20/11/2026' is not a valid time")
        .hasMessageContaining("2026-11-20T00:00:00Z")
        .hasMessageContaining("earliest");
  }
}
