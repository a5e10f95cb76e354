package googlenet.streams.tools.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which engine figure stands for inference, and how the parts add up. */
class CpuSplitTest {
  private static Throughput engine(int batch, double rate, double cpuMs) {
    return new Throughput(
        "engine-b" + batch, 1, "", rate, 100, 1, batch, cpuMs, 0.0, null, null, cpuMs, Map.of());
  }

  private static Throughput figure(int batch, double cpuMs, Double broker, Double decode) {
    return figure(batch, cpuMs, broker, decode, null);
  }

  private static Throughput figure(
      int batch, double cpuMs, Double broker, Double decode, Double jit) {
    return figure(batch, cpuMs, broker, decode, jit, null);
  }

  private static Throughput figure(
      int batch, double cpuMs, Double broker, Double decode, Double jit, Double inference) {
    return new Throughput(
        "f", 3, "", 10, 100, 1, batch, cpuMs, broker, decode, jit, inference, Map.of());
  }

  private static final List<Throughput> ENGINE =
      List.of(engine(1, 40, 9), engine(8, 46, 7), engine(32, 70, 6));

  @Test
  void shouldSubtractTheEngineFigureAtTheSameBatchSize() {
    CpuSplit c = CpuSplit.of(figure(8, 20, 3.0, 4.0), ENGINE).orElseThrow();

    assertThat(c.engineFigure()).isEqualTo("engine-b8");
    assertThat(c.inferenceMs()).isEqualTo(7);
    assertThat(c.outsideInferenceMs()).isEqualTo(13);
    assertThat(c.outsideInferenceWithoutBrokerMs()).isEqualTo(10);
    assertThat(c.kafkaMs()).isCloseTo(6, within(1e-9));
  }

  @Test
  void shouldTellTheJitCompilersShareApartFromTheRemainder() {
    CpuSplit c = CpuSplit.of(figure(8, 20, 3.0, 4.0, 1.5), ENGINE).orElseThrow();

    assertThat(c.jitMs()).isEqualTo(1.5);
    assertThat(c.kafkaMs()).isCloseTo(4.5, within(1e-9));
    assertThat(c.outsideInferenceMs()).isEqualTo(13); // JIT is still outside inference
    assertThat(c.outsideInferenceWithoutBrokerMs()).isEqualTo(10);
  }

  @Test
  void shouldAddUpWithTheMeasuredInferenceButCountOutsideInferenceFromTheEngineFigure() {
    // Engine-b8 costs 7 ms/image; inside this figure inference took 8.5 (shared cores).
    CpuSplit c = CpuSplit.of(figure(8, 20, 3.0, 4.0, 1.5, 8.5), ENGINE).orElseThrow();

    assertThat(c.inferenceMs()).isEqualTo(7);
    assertThat(c.measuredInferenceMs()).isEqualTo(8.5);
    assertThat(c.stackedInferenceMs()).isEqualTo(8.5);
    assertThat(c.kafkaMs()).isCloseTo(3, within(1e-9)); // 20 - 8.5 - 3 - 4 - 1.5
    assertThat(c.outsideInferenceMs()).isEqualTo(13);
    assertThat(c.outsideInferenceWithoutBrokerMs()).isEqualTo(10);
    assertThat(CpuSplit.of(figure(8, 20, 3.0, 4.0, 1.5), ENGINE).orElseThrow().stackedInferenceMs())
        .as("not measured: the engine figure stands for it")
        .isEqualTo(7);
  }

  @Test
  void shouldFallBackToTheCeilingWhenTheBatchSizeWasNotMeasured() {
    CpuSplit c = CpuSplit.of(figure(16, 20, 3.0, null), ENGINE).orElseThrow();

    assertThat(c.engineFigure()).isEqualTo("engine-b32");
    assertThat(c.inferenceMs()).isEqualTo(6);
    assertThat(c.decodeMs()).isNull();
    assertThat(c.kafkaMs()).isCloseTo(11, within(1e-9)); // holds the unmeasured decode
  }

  @Test
  void shouldKeepANegativeRemainderAndLeaveOutWhatCannotBeSplit() {
    assertThat(CpuSplit.of(figure(8, 10, 2.0, 3.0), ENGINE).orElseThrow().kafkaMs())
        .isCloseTo(-2, within(1e-9));
    assertThat(CpuSplit.of(figure(8, 10, null, 3.0), ENGINE).orElseThrow())
        .satisfies(
            c -> {
              assertThat(c.outsideInferenceWithoutBrokerMs()).isNull();
              assertThat(c.kafkaMs()).isCloseTo(0, within(1e-9));
            });
    assertThat(CpuSplit.of(ENGINE.get(1), ENGINE)).isEmpty();
    assertThat(CpuSplit.of(figure(8, 10, 2.0, 3.0), List.of())).isEmpty();
    assertThat(CpuSplit.of(figure(8, 0, 2.0, 3.0), ENGINE)).isEmpty();
  }

  @Test
  void shouldComputeTheCoresPerFiveThousandImagesWithoutTheBroker() {
    CpuSplit c = CpuSplit.of(figure(8, 12.9, 3.0, 2.0), ENGINE).orElseThrow();
    Figure f = new Figure("pipeline-eos-b8", 3, "", 10, 1, 100, 1, 12.9, 1, c, Map.of());

    GpuCapacity g = GpuCapacity.of(f);

    assertThat(g.cpuMsOutsideInference()).isCloseTo(2.9, within(1e-9));
    assertThat(g.cores()).isCloseTo(14.5, within(1e-9));
    assertThat(GpuCapacity.of(TargetsTest.figure("x", 1, 1, null))).isNull();
  }

  @Test
  void shouldGiveNoCoreCountWhenTheCostOutsideInferenceComesOutBelowZero() {
    CpuSplit c = CpuSplit.of(figure(8, 8.0, 2.0, 1.0), ENGINE).orElseThrow();
    Figure f = new Figure("pipeline-eos-b8", 3, "", 10, 1, 100, 1, 8.0, 1, c, Map.of());

    assertThat(c.outsideInferenceWithoutBrokerMs()).isCloseTo(-1.0, within(1e-9));
    assertThat(GpuCapacity.of(f)).isNull();
  }
}
