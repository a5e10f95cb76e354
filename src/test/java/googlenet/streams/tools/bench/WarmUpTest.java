package googlenet.streams.tools.bench;

import static org.assertj.core.api.Assertions.assertThat;

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
  void shouldGoOnWhileTheJitTakesHalfAMillisecondOrMoreAndAnotherRunFitsTheBudget() {
    List<Throughput> noisy = List.of(run(16, 4.1), run(12, 2.5), run(15, 3.5));
    assertThat(new WarmUp(noisy.subList(0, 1), 3, 60, false).done()).isFalse();
    assertThat(new WarmUp(noisy, 9, 60, false).done()).as("a JIT share that rose again").isFalse();
    assertThat(new WarmUp(List.of(run(80, 6.0)), 20, 90, false).done())
        .as("a tenth of the full model's CPU")
        .isFalse();
  }

  @Test
  void shouldStopOnceTheJitTakesLessThanHalfAMillisecondOrCannotBeMeasured() {
    assertThat(new WarmUp(List.of(run(10, 0.49)), 3, 60, false).done()).isTrue();
    assertThat(new WarmUp(List.of(run(10, 0.5)), 3, 60, false).done()).isFalse();
    assertThat(new WarmUp(List.of(run(10, 9.0), run(10, 0.3)), 6, 60, false).done()).isTrue();
    assertThat(new WarmUp(List.of(run(10, null)), 3, 60, false).done()).isTrue();
  }

  @Test
  void shouldStopWhenAnotherRunAsLongAsTheMeanWouldEndPastTheBudget() {
    List<Throughput> three = List.of(run(14, 2.9), run(11, 2.0), run(10, 1.7));
    assertThat(new WarmUp(three, 45, 60, false).done()).as("45 + 15 = 60, within").isFalse();
    assertThat(new WarmUp(three, 45.3, 60, false).done()).as("45.3 + 15.1 > 60").isTrue();
    assertThat(new WarmUp(three.subList(0, 1), 0.5, 0, false).done())
        .as("budget 0: one run")
        .isTrue();
  }

  @Test
  void shouldDescribeEveryRunsCpuAndJitShareAndWhyTheyStopped() {
    assertThat(new WarmUp(List.of(run(14.12, 2.94), run(9.0, 0.31)), 6.4, 60, false).describe(400))
        .isEqualTo(
            "2 runs of 400 images in 6 s (budget 60 s; stopped: JIT under 0.5 ms/image) through the"
                + " default pipeline; CPU ms/image (JIT compiler's share) 14.1 (2.9), 9.0 (0.3)");
    assertThat(new WarmUp(List.of(run(70.0, 9.6), run(66.0, 7.44)), 61, 60, true).describe(600))
        .isEqualTo(
            "2 runs of 600 images in 61 s (budget 60 s; stopped: budget) through the default"
                + " pipeline; CPU ms/image (JIT compiler's share) 70.0 (9.6), 66.0 (7.4), on the"
                + " small synthetic model");
  }
}
