package googlenet.streams.inference;

import static googlenet.streams.inference.EngineInputs.images;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import googlenet.streams.testing.TestModels;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ConcurrentRunsTest {
  @Test
  void shouldGiveEachThreadItsOwnResultsWhenSharingOneEngine() throws Exception {
    FloatBuffer a = images(2, 31);
    FloatBuffer b = images(3, 32);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try (OnnxInferenceEngine engine =
        OnnxInferenceEngine.open(EngineConfig.cpu(TestModels.small()))) {
      float[][] expectedA = engine.run(a, 2).probabilities();
      float[][] expectedB = engine.run(b, 3).probabilities();
      List<Future<Boolean>> runs = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        runs.add(pool.submit(() -> same(engine.run(a, 2).probabilities(), expectedA)));
        runs.add(pool.submit(() -> same(engine.run(b, 3).probabilities(), expectedB)));
      }
      for (Future<Boolean> run : runs) {
        assertThat(run.get(60, TimeUnit.SECONDS)).isTrue();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static boolean same(float[][] actual, float[][] expected) {
    assertThat(actual).hasSameDimensionsAs(expected);
    for (int i = 0; i < expected.length; i++) {
      assertThat(actual[i]).containsExactly(expected[i], within(1e-6f));
    }
    return true;
  }
}
