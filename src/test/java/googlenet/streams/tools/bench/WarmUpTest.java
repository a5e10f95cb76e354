package googlenet.streams.tools.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** When the bench's warm-up runs stop, and how the header describes them. */
class WarmUpTest {
  private static Throughput run(double cpu, Double jit) {
    return new Throughput(
        "pipeline-eos-b8-warm-up",
        3,
        "warm-up",
        100,
        180,
        1.8,
        8,
        cpu,
        2.0,
        1.5,
        jit,
        null,
        Map.of());
  }

  @Test
  void shouldGoOnWhileTheJitTakesHalfAMillisecondOrMoreAndStillFallsByAFifth() {
    assertThat(WarmUp.settled(List.of(run(14, 2.9)))).isFalse();
    assertThat(WarmUp.settled(List.of(run(14, 2.9), run(11, 2.0)))).isFalse();
    assertThat(WarmUp.settled(List.of(run(14, 2.9), run(11, 2.0), run(10, 1.7)))).isTrue();
  }

  @Test
  void shouldStopOnceTheJitTakesLessThanHalfAMillisecondWhateverTheRunsCpu() {
    assertThat(WarmUp.settled(List.of(run(10, 0.49)))).isTrue();
    assertThat(WarmUp.settled(List.of(run(10, 0.5)))).isFalse();
    assertThat(WarmUp.settled(List.of(run(80, 6.0)))).as("a tenth of the full model's").isFalse();
  }

  @Test
  void shouldStopWhenTheJitCannotBeMeasuredAndAfterFiveRuns() {
    assertThat(WarmUp.settled(List.of(run(10, null)))).isTrue();
    List<Throughput> falling = new ArrayList<>();
    double[] jit = {9, 7, 5.5, 4.3, 3.4}; // each under 0.8 of the one before
    for (int i = 0; i < WarmUp.MAX_RUNS; i++) {
      falling.add(run(10, jit[i]));
      assertThat(WarmUp.settled(falling)).as("after %d runs", i + 1).isEqualTo(i == 4);
    }
  }

  @Test
  void shouldDescribeEveryRunsCpuAndJitShare() {
    assertThat(WarmUp.describe(List.of(run(14.12, 2.94), run(9.0, null)), 200))
        .isEqualTo(
            "2 runs of 200 images through the default pipeline; CPU ms/image (JIT compiler's"
                + " share) 14.1 (2.9), 9.0 (-)");
  }
}
