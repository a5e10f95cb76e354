package googlenet.streams.backfill;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProgressReporterTest {
  @Test
  void shouldDrawDoneTotalRateAndEta() {
    BackfillProgress p = new BackfillProgress("w", 250, 1000, Duration.ofSeconds(5), 50.0);
    assertThat(ProgressReporter.bar(p))
        .startsWith("[########                      ] 250/1000 offsets")
        .contains("upper bound")
        .contains("50.0 images/s")
        .endsWith("ETA 15s");
  }

  @Test
  void shouldShowNoEtaBeforeThereIsARate() {
    BackfillProgress p = new BackfillProgress("w", 0, 1000, Duration.ZERO, 0);
    assertThat(ProgressReporter.line(p)).endsWith("ETA -");
    assertThat(ProgressReporter.human(Duration.ofSeconds(3725))).isEqualTo("1h02m");
  }
}
