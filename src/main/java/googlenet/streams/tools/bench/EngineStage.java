package googlenet.streams.tools.bench;

import googlenet.streams.inference.InferenceEngine;
import googlenet.streams.inference.InferenceException;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Stage 1, the ceiling: the benchmark's images, preprocessed once, run straight through the engine
 * at each batch size for a fixed time, from as many calling threads as the pipeline has stream
 * threads (each with its own tensors). The best batch size is the ceiling.
 */
final class EngineStage {
  private static final int WARMUP_RUNS = 2;
  private static final int MIN_RUNS = 3;

  private final InferenceEngine engine;
  private final List<FloatBuffer> tensors;

  /** One tensor buffer per calling thread, each holding at least the largest batch. */
  EngineStage(InferenceEngine engine, List<FloatBuffer> tensors) {
    this.engine = engine;
    this.tensors = List.copyOf(tensors);
  }

  /** One figure per batch size, in the order given. */
  List<Throughput> measure(List<Integer> batches, double seconds) throws InferenceException {
    List<Throughput> figures = new ArrayList<>();
    for (int batch : batches) {
      figures.add(measure(batch, seconds));
    }
    return figures;
  }

  /**
   * The batch size of {@code earlier} measured again, e.g. after the Kafka stages, so a change of
   * the machine's load during the run shows, and the ceiling is the better of the two.
   */
  Throughput remeasure(Throughput earlier, double seconds) throws InferenceException {
    int batch = Integer.parseInt(earlier.settings().get("batch"));
    Throughput t = measure(batch, seconds);
    return new Throughput(
        t.id() + "-end",
        1,
        t.description() + ", measured again after the Kafka stages",
        t.imagesPerSecond(),
        t.images(),
        t.seconds(),
        t.cpuMsPerImage(),
        t.settings());
  }

  private Throughput measure(int batch, double seconds) throws InferenceException {
    List<Callable<Long>> warmups = new ArrayList<>();
    for (FloatBuffer t : tensors) {
      warmups.add(() -> runs(t, batch, WARMUP_RUNS, 0));
    }
    all(warmups);
    long cpu = Cpu.processNanos();
    long start = System.nanoTime();
    long deadline = start + (long) (seconds * 1e9);
    List<Callable<Long>> timed = new ArrayList<>();
    for (FloatBuffer t : tensors) {
      timed.add(() -> runs(t, batch, MIN_RUNS, deadline));
    }
    long runs = all(timed);
    String threads = tensors.size() == 1 ? "" : ", " + tensors.size() + " calling threads";
    return Throughput.of(
        "engine-b" + batch,
        1,
        "raw engine, preprocessed tensors, batch " + batch + threads,
        runs * batch,
        System.nanoTime() - start,
        Cpu.processNanos() - cpu,
        Map.of("batch", Integer.toString(batch), "threads", Integer.toString(tensors.size())));
  }

  /** Runs at least {@code min} batches and until {@code deadline}; the number of runs. */
  private long runs(FloatBuffer t, int batch, int min, long deadline) throws InferenceException {
    long runs = 0;
    while (runs < min || System.nanoTime() < deadline) {
      engine.run(t, batch);
      runs++;
    }
    return runs;
  }

  private long all(List<Callable<Long>> tasks) throws InferenceException {
    if (tasks.size() == 1) {
      try {
        return tasks.get(0).call();
      } catch (InferenceException e) {
        throw e;
      } catch (Exception e) {
        throw new IllegalStateException("engine run failed: " + e, e);
      }
    }
    ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
    try {
      long total = 0;
      for (Future<Long> f : pool.invokeAll(tasks)) {
        total += f.get();
      }
      return total;
    } catch (ExecutionException e) {
      if (e.getCause() instanceof InferenceException ie) {
        throw ie;
      }
      throw new IllegalStateException("engine run failed: " + e.getCause(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } finally {
      pool.shutdownNow();
    }
  }

  /** The best of the figures: the ceiling. */
  static Throughput best(List<Throughput> figures) {
    return figures.stream()
        .max((a, b) -> Double.compare(a.imagesPerSecond(), b.imagesPerSecond()))
        .orElseThrow(() -> new IllegalArgumentException("no engine figures"));
  }
}
