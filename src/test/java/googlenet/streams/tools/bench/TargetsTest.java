package googlenet.streams.tools.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TargetsTest {
  private static Figure figure(String id, double imagesPerSecond) {
    return new Figure(id, 3, id, imagesPerSecond, 0, 100, 1, 0, 0, Map.of());
  }

  @Test
  void shouldAverageAFigureWithItsSecondMeasurement() {
    List<Figure> figures =
        List.of(
            figure("pipeline-eos-b8", 30),
            figure("pipeline-eos-b8-unlogged", 40),
            figure("pipeline-eos-b8-unlogged-again", 30),
            figure("pipeline-eos-b8-again", 36));

    assertThat(Targets.meanRate(figures, "pipeline-eos-b8")).isEqualTo(33.0);
    assertThat(Targets.meanRate(figures, "pipeline-eos-b8-unlogged")).isEqualTo(35.0);
    assertThat(Targets.meanRate(figures, "pipeline-eos-b32")).isZero();
  }

  @Test
  void shouldJudgeTheBufferCostOnTheMeans() {
    List<Figure> figures =
        List.of(
            figure("pipeline-eos-b8", 30),
            figure("pipeline-eos-b8-unlogged", 40),
            figure("pipeline-eos-b8-unlogged-again", 30),
            figure("pipeline-eos-b8-again", 36),
            figure("naive-baseline", 30));

    List<Target> targets =
        Targets.evaluate(
            figures, List.of(), false, "pipeline-eos-b8", "pipeline-eos-b8-unlogged", 50, 300);

    Target cost = targets.get(2);
    assertThat(cost.name()).startsWith("throughput lost to the durable buffer");
    assertThat(cost.value()).isCloseTo(1 - 33.0 / 35.0, within(1e-9));
    assertThat(cost.met()).isTrue();
  }
}
