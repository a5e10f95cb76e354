package googlenet.streams.tools.bench;

import googlenet.streams.inference.EngineConfig;
import googlenet.streams.inference.ExecutionProvider;
import googlenet.streams.inference.InferenceEngine;
import googlenet.streams.inference.InferenceException;
import googlenet.streams.inference.OnnxInferenceEngine;
import googlenet.streams.model.ModelSource;
import java.nio.FloatBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Stage 1, the ceiling: the benchmark's images, preprocessed once, run straight through the engine
 * at each batch size for a fixed time, from as many calling threads as the pipeline has stream
 * threads (each with its own tensors). The best batch size is the ceiling. Each measurement is
 * bounded: runs still going {@link #GRACE} after its time are abandoned and the figure says so.
 */
final class EngineStage {
  /** Name of the threads that call the engine (counted as inference by {@link TaskCpu}). */
  static final String CALLER_THREAD_NAME = "bench-engine-caller";

  /** Untimed runs per calling thread before each measurement. */
  static final int WARMUP_RUNS = 2;

  /** Timed runs per calling thread, however short the time. */
  static final int MIN_RUNS = 3;

  /** How long a measurement may overrun its time (slow runs, warm-up) before it is cut. */
  static final Duration GRACE = Duration.ofSeconds(120);

  private final InferenceEngine engine;
  private final List<FloatBuffer> tensors;

  /** One tensor buffer per calling thread, each holding at least the largest batch. */
  EngineStage(InferenceEngine engine, List<FloatBuffer> tensors) {
    this.engine = engine;
    this.tensors = List.copyOf(tensors);
  }

  /**
   * One measurement.
   *
   * @param throughput the figure
   * @param runs timed runs, over all calling threads
   * @param medianMs median wall time of one run, in milliseconds
   */
  record Measured(Throughput throughput, long runs, double medianMs) {}

  /** One figure per batch size, in the order given. */
  List<Throughput> measure(List<Integer> batches, double seconds) throws InferenceException {
    List<Throughput> figures = new ArrayList<>();
    for (int batch : batches) {
      figures.add(measure(batch, seconds).throughput());
    }
    return figures;
  }

  /**
   * The batch size of {@code earlier} measured again, e.g. after the Kafka stages, so a change of
   * the machine's load during the run shows, and the ceiling is the better of the two.
   */
  Throughput remeasure(Throughput earlier, double seconds) throws InferenceException {
    Throughput t = measure(earlier.batch(), seconds).throughput();
    return t.renamed(t.id() + "-end", t.description() + ", measured again after the Kafka stages");
  }

  /** Warms up, then runs batches of {@code batch} from every calling thread for {@code seconds}. */
  Measured measure(int batch, double seconds) throws InferenceException {
    Queue<Long> ignored = new ConcurrentLinkedQueue<>();
    String warm = all(tasks(batch, WARMUP_RUNS, System.nanoTime(), ignored), GRACE);
    CpuSample from = CpuSample.now(null);
    long start = System.nanoTime();
    Queue<Long> nanos = new ConcurrentLinkedQueue<>();
    long deadline = start + (long) (seconds * 1e9);
    Duration bound = Duration.ofNanos(deadline - start).plus(GRACE);
    String cut = warm.isEmpty() ? all(tasks(batch, MIN_RUNS, deadline, nanos), bound) : warm;
    Window window =
        new Window(
            nanos.size() * (long) batch, System.nanoTime() - start, from, CpuSample.now(null));
    String threads = tensors.size() == 1 ? "" : ", " + tensors.size() + " calling threads";
    double median = median(List.copyOf(nanos)) / 1e6;
    Map<String, String> settings = new java.util.LinkedHashMap<>();
    settings.put("batch", Integer.toString(batch));
    settings.put("threads", Integer.toString(tensors.size()));
    settings.put("median ms/batch", String.format(Locale.ROOT, "%.1f", median));
    if (!cut.isEmpty()) {
      settings.put("timed out", cut);
    }
    Throughput t =
        Throughput.ofWindow(
            "engine-b" + batch,
            1,
            "raw engine, preprocessed tensors, batch " + batch + threads,
            batch,
            window,
            settings);
    return new Measured(t, nanos.size(), median);
  }

  private List<Callable<Void>> tasks(int batch, int min, long deadline, Queue<Long> nanos) {
    List<Callable<Void>> tasks = new ArrayList<>();
    for (FloatBuffer t : tensors) {
      tasks.add(() -> runs(t, batch, min, deadline, nanos));
    }
    return tasks;
  }

  /** Runs at least {@code min} batches and until {@code deadline}, noting each run's nanos. */
  private Void runs(FloatBuffer t, int batch, int min, long deadline, Queue<Long> nanos)
      throws InferenceException {
    int runs = 0;
    while ((runs < min || System.nanoTime() < deadline)
        && !Thread.currentThread().isInterrupted()) {
      long start = System.nanoTime();
      engine.run(t, batch);
      nanos.add(System.nanoTime() - start);
      runs++;
    }
    return null;
  }

  /** Runs the tasks on threads of their own; empty, or why they were cut at {@code bound}. */
  private static String all(List<Callable<Void>> tasks, Duration bound) throws InferenceException {
    ExecutorService pool = Executors.newFixedThreadPool(tasks.size(), EngineStage::daemon);
    try {
      for (Future<Void> f : pool.invokeAll(tasks, bound.toNanos(), TimeUnit.NANOSECONDS)) {
        f.get();
      }
      return "";
    } catch (CancellationException e) {
      return "runs still going " + bound.toSeconds() + " s after the start were abandoned";
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

  private static Thread daemon(Runnable task) {
    Thread thread = new Thread(task, CALLER_THREAD_NAME);
    thread.setDaemon(true);
    return thread;
  }

  /** The median of some durations (mean of the middle two for an even count), 0 for none. */
  static double median(List<Long> values) {
    if (values.isEmpty()) {
      return 0;
    }
    List<Long> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0;
  }

  /** The best of the figures: the ceiling. */
  static Throughput best(List<Throughput> figures) {
    return figures.stream()
        .max((a, b) -> Double.compare(a.imagesPerSecond(), b.imagesPerSecond()))
        .orElseThrow(() -> new IllegalArgumentException("no engine figures"));
  }

  /** An engine on {@code model} on the CPU, with {@code settings}' intra-op threads and options. */
  static OnnxInferenceEngine open(String model, BenchSettings settings) throws InferenceException {
    return OnnxInferenceEngine.open(
        engineConfig(
            model,
            ExecutionProvider.CPU,
            settings.intraOpThreads(),
            settings.intraOpSpinning(),
            settings.dynamicBlockBase()));
  }

  /**
   * How the benchmarks open the engine: {@code model} on {@code provider}, warmed up, with the
   * intra-op threads spinning or not and ONNX Runtime's dynamic block base.
   */
  static EngineConfig engineConfig(
      String model,
      ExecutionProvider provider,
      int intraOpThreads,
      boolean spinning,
      int dynamicBlockBase) {
    return new EngineConfig(
        ModelSource.resolve(model),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        provider,
        0,
        Map.of(),
        intraOpThreads,
        0,
        spinning,
        dynamicBlockBase,
        EngineConfig.Softmax.AUTO,
        true);
  }
}
