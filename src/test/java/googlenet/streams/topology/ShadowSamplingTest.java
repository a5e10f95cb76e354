package googlenet.streams.topology;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ShadowSamplingTest {
  private static long sampled(double fraction) {
    TopologySpec.Shadow shadow = new TopologySpec.Shadow(null, fraction);
    long n = 0;
    for (int partition = 0; partition < 4; partition++) {
      for (long offset = 0; offset < 2_500; offset++) {
        n += shadow.samples(partition, offset) ? 1 : 0;
      }
    }
    return n;
  }

  @Test
  void shouldSampleNoneAllOrAboutTheFractionOfTheInputPositions() {
    assertThat(sampled(0)).isZero();
    assertThat(sampled(1)).isEqualTo(10_000);
    assertThat(sampled(0.25)).isBetween(2_300L, 2_700L);
  }

  @Test
  void shouldSampleTheSamePositionsEveryTime() {
    TopologySpec.Shadow a = new TopologySpec.Shadow(null, 0.3);
    TopologySpec.Shadow b = new TopologySpec.Shadow(null, 0.3);
    for (long offset = 0; offset < 1_000; offset++) {
      assertThat(a.samples(2, offset)).isEqualTo(b.samples(2, offset));
    }
  }
}
