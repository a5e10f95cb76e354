package googlenet.streams.tools.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The drift of a soak series: warm-up left out, last quarter against the first. */
class SoakDriftTest {

  /**
   * A sample whose memory figures are all {@code mb}, whose p99 is {@code p99}, and whose CPU per
   * image is {@code p99 / 100} (null with it), a quarter of it the broker's, half of it decode's
   * and 0.6 of it inference's; the JIT's is never known.
   */
  private static SoakSample sample(int i, double mb, Double p99) {
    Double cpu = p99 == null ? null : p99 / 100;
    return new SoakSample(
        i * 5.0,
        mb,
        mb,
        i % 2 == 0 ? mb : null,
        mb,
        mb,
        mb,
        1,
        1,
        10,
        2,
        p99,
        p99,
        0,
        1,
        cpu,
        cpu == null ? null : cpu / 4,
        cpu == null ? null : cpu / 2,
        null,
        cpu == null ? null : cpu * 0.6);
  }

  @Test
  void shouldCompareTheLastQuarterWithTheFirstAfterTheWarmUp() {
    List<SoakSample> samples = new ArrayList<>();
    samples.add(sample(0, 1000, 900.0)); // warm-up: 20% of 10 samples is 2
    samples.add(sample(1, 1000, 900.0));
    for (int i = 2; i < 10; i++) {
      samples.add(sample(i, 100 + (i - 2) * 10, 200.0 + (i - 2)));
    }

    SoakDrift d = SoakDrift.of(samples);

    assertThat(d.warmUpSamples()).isEqualTo(2);
    assertThat(d.quarterSamples()).isEqualTo(2);
    assertThat(d.rss().first()).isEqualTo(105.0); // samples 2, 3: 100 and 110
    assertThat(d.rss().last()).isEqualTo(165.0); // samples 8, 9: 160 and 170
    assertThat(d.rss().percent()).isCloseTo(60 / 105.0 * 100, within(1e-9));
    assertThat(d.heapLive().first()).isEqualTo(100.0); // only sample 2 of 2, 3 forced a full GC
    assertThat(d.heapLive().last()).isEqualTo(160.0);
    assertThat(d.p99().first()).isEqualTo(200.5);
    assertThat(d.p99().last()).isEqualTo(206.5);
    assertThat(d.p99NoiseMs()).isEqualTo(0.5);
    assertThat(d.p99BeyondNoise()).isTrue();
    assertThat(d.cpuMsPerImage().first()).isCloseTo(2.005, within(1e-9));
    assertThat(d.cpuMsPerImage().last()).isCloseTo(2.065, within(1e-9));
    assertThat(d.brokerMsPerImage().first()).isCloseTo(2.005 / 4, within(1e-9));
    assertThat(d.decodeMsPerImage().last()).isCloseTo(2.065 / 2, within(1e-9));
    assertThat(d.jitMsPerImage().first()).isZero();
    assertThat(d.jitMsPerImage().percent()).isZero();
    assertThat(d.inferenceMsPerImage().first()).isCloseTo(2.005 * 0.6, within(1e-9));
    assertThat(d.inferenceMsPerImage().last()).isCloseTo(2.065 * 0.6, within(1e-9));
  }

  @Test
  void shouldLeaveIntervalsWithoutResultsOutOfTheLatencyAndGiveNoDriftForTooFewSamples() {
    List<SoakSample> samples = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      samples.add(sample(i, 100, i == 1 ? null : 300.0));
    }

    SoakDrift d = SoakDrift.of(samples);

    assertThat(d.p99().first()).isEqualTo(0.0); // sample 1 (the first quarter) had no result
    assertThat(d.cpuMsPerImage().first()).isEqualTo(0.0);
    assertThat(d.cpuMsPerImage().last()).isEqualTo(3.0);
    assertThat(d.rss().percent()).isZero();
    assertThat(SoakDrift.of(samples.subList(0, 4))).isNull();
  }

  @Test
  void shouldDivideTheIntervalsCpuByItsResultsAndGiveNothingWithoutEither() {
    assertThat(SoakSample.perImage(1_000_000_000L, 1_150_000_000L, 10)).isEqualTo(15.0);
    assertThat(SoakSample.perImage(1_000_000_000L, 1_150_000_000L, 0)).isNull();
    assertThat(SoakSample.perImage(-1, -1, 10)).isNull();
  }
}
