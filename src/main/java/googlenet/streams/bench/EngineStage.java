package googlenet.streams.bench;

import googlenet.streams.inference.InferenceEngine;
import googlenet.streams.inference.InferenceException;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Stage 1, the ceiling: the benchmark's images, preprocessed once, run straight through the engine
 * at each batch size for a fixed time on one calling thread. The best batch size is the ceiling.
 */
final class EngineStage {
  private static final int WARMUP_RUNS = 2;

  private final InferenceEngine engine;
  private final FloatBuffer tensors;

  /** {@code tensors} holds at least the largest batch of preprocessed images. */
  EngineStage(InferenceEngine engine, FloatBuffer tensors) {
    this.engine = engine;
    this.tensors = tensors;
  }

  /** One figure per batch size, in the order given. */
  List<Throughput> measure(List<Integer> batches, double seconds) throws InferenceException {
    List<Throughput> figures = new ArrayList<>();
    for (int batch : batches) {
      figures.add(measure(batch, seconds));
    }
    return figures;
  }

  private Throughput measure(int batch, double seconds) throws InferenceException {
    for (int i = 0; i < WARMUP_RUNS; i++) {
      engine.run(tensors, batch);
    }
    long cpu = Cpu.processNanos();
    long start = System.nanoTime();
    long deadline = start + (long) (seconds * 1e9);
    long runs = 0;
    while (runs < 3 || System.nanoTime() < deadline) {
      engine.run(tensors, batch);
      runs++;
    }
    return Throughput.of(
        "engine-b" + batch,
        1,
        "raw engine, preprocessed tensors, batch " + batch,
        runs * batch,
        System.nanoTime() - start,
        Cpu.processNanos() - cpu,
        Map.of("batch", Integer.toString(batch)));
  }

  /** The best of the figures: the ceiling. */
  static Throughput best(List<Throughput> figures) {
    return figures.stream()
        .max((a, b) -> Double.compare(a.imagesPerSecond(), b.imagesPerSecond()))
        .orElseThrow(() -> new IllegalArgumentException("no engine figures"));
  }
}
