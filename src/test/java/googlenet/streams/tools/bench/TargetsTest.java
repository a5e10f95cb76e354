package googlenet.streams.tools.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The goals judged on given figures: values, bounds and how far a missed goal is off. */
class TargetsTest {
  private static final String DEFAULT = "pipeline-eos-b8";

  static Figure figure(String id, double imagesPerSecond, double ratio, CpuSplit cpu) {
    return new Figure(id, 3, id, imagesPerSecond, ratio, 100, 1, 10, 0, cpu, Map.of());
  }

  private static CpuSplit outside(double withoutBrokerMs) {
    return new CpuSplit(
        "engine-b8",
        5,
        null,
        1.0,
        2.0,
        null,
        withoutBrokerMs - 1,
        withoutBrokerMs + 2,
        withoutBrokerMs);
  }

  private static Latency p99(double ms) {
    return new Latency("latency-50", 0.5, 10, 10, 100, 100, 1, 1, ms, ms, List.of());
  }

  private static List<Target> evaluate(List<Figure> figures, boolean small) {
    GpuCapacity capacity = Targets.find(figures, DEFAULT).map(GpuCapacity::of).orElse(null);
    return Targets.evaluate(
        new Targets.Run(figures, List.of(p99(700)), small, DEFAULT, capacity, 50, 300));
  }

  @Test
  void shouldJudgeTheSmallModelOnCpuOutsideInferenceAndSayByHowMuchItMissed() {
    List<Figure> figures =
        List.of(figure(DEFAULT, 40, 0.5, outside(4.0)), figure("backfill", 60, 0.96, null));

    List<Target> t = evaluate(figures, true);

    assertThat(t).extracting(Target::name).hasSize(5);
    assertThat(t.get(0).name()).isEqualTo("default pipeline (pipeline-eos-b8) / ceiling");
    assertThat(t.get(0).bound()).isEqualTo(0.60);
    assertThat(t.get(0).met()).isFalse();
    assertThat(t.get(0).missedBy()).isCloseTo(0.10, within(1e-9));
    assertThat(t.get(1).name()).startsWith("CPU ms/image outside inference");
    assertThat(t.get(1).value()).isEqualTo(4.0);
    assertThat(t.get(1).met()).isFalse();
    assertThat(t.get(1).missedBy()).isCloseTo(1.0, within(1e-9));
    assertThat(t.get(2).met()).isTrue();
    assertThat(t.get(2).missedBy()).isNull();
    assertThat(t.get(3).bound()).isEqualTo(50 + 2 * 300 + 150);
    assertThat(t.get(3).met()).isTrue();
    assertThat(t.get(4).unit()).isEqualTo("cores");
    assertThat(t.get(4).value()).isCloseTo(20.0, within(1e-9));
    assertThat(t.get(4).missedBy()).isCloseTo(4.0, within(1e-9));
  }

  @Test
  void shouldJudgeTheFullModelAgainstTheConsumerLoopOfTheSameRun() {
    List<Figure> met =
        List.of(figure(DEFAULT, 36, 0.92, outside(3.0)), figure("consumer-loop", 30, 0.8, null));
    List<Figure> missed =
        List.of(figure(DEFAULT, 30, 0.85, outside(3.0)), figure("consumer-loop", 30, 0.8, null));

    Target ratio = evaluate(met, false).get(1);
    Target missedRatio = evaluate(missed, false).get(1);

    assertThat(ratio.name()).isEqualTo("default pipeline / consumer-loop baseline");
    assertThat(ratio.value()).isCloseTo(1.2, within(1e-9));
    assertThat(ratio.met()).isTrue();
    assertThat(missedRatio.value()).isCloseTo(1.0, within(1e-9));
    assertThat(missedRatio.missedBy()).isCloseTo(0.10, within(1e-9));
    assertThat(evaluate(met, false).get(0).bound()).isEqualTo(0.90);
    assertThat(evaluate(met, false).get(0).met()).isTrue();
    assertThat(evaluate(missed, false).get(0).missedBy()).isCloseTo(0.05, within(1e-9));
    assertThat(evaluate(met, false).get(4).value()).isCloseTo(15.0, within(1e-9));
    assertThat(evaluate(met, false).get(4).met()).isTrue();
  }

  @Test
  void shouldSayWhatWasNotMeasured() {
    List<Target> t = evaluate(List.of(), false);

    assertThat(t).hasSize(5);
    assertThat(t.subList(0, 3))
        .allSatisfy(
            target -> {
              assertThat(target.value()).isNull();
              assertThat(target.met()).isNull();
              assertThat(target.missedBy()).isNull();
            });
    assertThat(t.get(4).met()).isNull();
  }

  @Test
  void shouldCompareTheDurableBufferOnTheMeansOfBothMeasurements() {
    List<Figure> figures =
        List.of(
            figure(DEFAULT, 30, 0, null),
            figure("pipeline-eos-b8-unlogged", 40, 0, null),
            figure("pipeline-eos-b8-unlogged-again", 30, 0, null),
            figure("pipeline-eos-b8-again", 36, 0, null),
            figure("naive-baseline", 30, 0, null));

    assertThat(Comparison.meanRate(figures, DEFAULT)).isEqualTo(33.0);
    assertThat(Comparison.meanRate(figures, "pipeline-eos-b32")).isZero();
    List<Comparison> c = Comparison.of(figures, DEFAULT, "pipeline-eos-b8-unlogged");
    assertThat(c)
        .extracting(Comparison::name)
        .containsExactly(
            "default pipeline / naive baseline",
            "throughput lost to the durable buffer (1 - durable / without changelog, means of"
                + " the measurements)");
    assertThat(c.get(0).value()).isEqualTo(1.0);
    assertThat(c.get(1).value()).isCloseTo(1 - 33.0 / 35.0, within(1e-9));
  }
}
