package googlenet.streams.cli;

import static org.assertj.core.api.Assertions.assertThat;

import googlenet.streams.inference.BatchResult;
import googlenet.streams.inference.InferenceEngine;
import googlenet.streams.inference.ModelInfo;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ThroughputPointTest {

  /** Records the batch sizes it is asked to run; returns nothing useful. */
  private static final class CountingEngine implements InferenceEngine {
    final List<Integer> batches = new ArrayList<>();

    @Override
    public ModelInfo model() {
      return new ModelInfo("m", "v", "s", "in", "out", false, 2);
    }

    @Override
    public String provider() {
      return "CPU";
    }

    @Override
    public boolean fellBack() {
      return false;
    }

    @Override
    public BatchResult run(FloatBuffer input, int batchSize) {
      batches.add(batchSize);
      return new BatchResult(new float[batchSize][2], 1, "CPU");
    }

    @Override
    public void close() {}
  }

  @Test
  void shouldTakeTheMiddleValueOrTheMeanOfTheMiddleTwo() {
    assertThat(ThroughputPoint.median(List.of(5L, 1L, 3L))).isEqualTo(3.0);
    assertThat(ThroughputPoint.median(List.of(4L, 1L, 3L, 10L))).isEqualTo(3.5);
  }

  @Test
  void shouldWarmUpTwiceThenTimeAtLeastThreeRunsOfTheBatchSize() throws Exception {
    CountingEngine engine = new CountingEngine();

    ThroughputPoint point = ThroughputPoint.measure(engine, FloatBuffer.allocate(1), 4, 1e-9);

    assertThat(point.batchSize()).isEqualTo(4);
    assertThat(point.runs()).isGreaterThanOrEqualTo(3);
    assertThat(engine.batches).hasSize(point.runs() + 2).containsOnly(4);
  }
}
