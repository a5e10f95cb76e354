package googlenet.streams.tools.bench;

import static org.assertj.core.api.Assertions.assertThat;

import googlenet.streams.inference.BatchResult;
import googlenet.streams.inference.InferenceEngine;
import googlenet.streams.inference.ModelInfo;
import java.nio.FloatBuffer;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;

class EngineStageTest {

  /** Records the batch sizes it is asked to run; returns nothing useful. */
  private static final class CountingEngine implements InferenceEngine {
    final ConcurrentLinkedQueue<Integer> batches = new ConcurrentLinkedQueue<>();

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
    assertThat(EngineStage.median(List.of(5L, 1L, 3L))).isEqualTo(3.0);
    assertThat(EngineStage.median(List.of(4L, 1L, 3L, 10L))).isEqualTo(3.5);
    assertThat(EngineStage.median(List.of())).isZero();
  }

  @Test
  void shouldWarmUpThenTimeAtLeastThreeRunsPerCallingThread() throws Exception {
    CountingEngine engine = new CountingEngine();
    EngineStage stage =
        new EngineStage(engine, List.of(FloatBuffer.allocate(1), FloatBuffer.allocate(1)));

    EngineStage.Measured m = stage.measure(4, 1e-9);

    assertThat(m.runs()).isGreaterThanOrEqualTo(2L * EngineStage.MIN_RUNS);
    assertThat(engine.batches)
        .hasSize((int) m.runs() + 2 * EngineStage.WARMUP_RUNS)
        .containsOnly(4);
    Throughput t = m.throughput();
    assertThat(t.id()).isEqualTo("engine-b4");
    assertThat(t.stage()).isEqualTo(1);
    assertThat(t.batch()).isEqualTo(4);
    assertThat(t.images()).isEqualTo(4 * m.runs());
    assertThat(t.settings())
        .containsEntry("batch", "4")
        .containsEntry("threads", "2")
        .containsKey("median ms/batch")
        .doesNotContainKey("timed out");
  }

  @Test
  void shouldNameAFigureMeasuredAgain() throws Exception {
    EngineStage stage = new EngineStage(new CountingEngine(), List.of(FloatBuffer.allocate(1)));
    Throughput first = stage.measure(List.of(2), 1e-9).get(0);

    Throughput end = stage.remeasure(first, 1e-9);

    assertThat(end.id()).isEqualTo("engine-b2-end");
    assertThat(end.batch()).isEqualTo(2);
    assertThat(end.description()).endsWith("measured again after the Kafka stages");
  }
}
