package googlenet.streams.tools.bench;

import googlenet.streams.image.ImagePreprocessor;
import googlenet.streams.inference.InferenceEngine;
import googlenet.streams.inference.InferenceException;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Stage 2: decode + preprocess + engine, no Kafka. As many worker threads as the pipeline has
 * stream threads each take the next batch of JPEGs, preprocess them into their own tensor buffer
 * and run it, like a stream thread without the broker.
 */
final class PreprocessStage {
  private final InferenceEngine engine;
  private final ImagePreprocessor preprocessor;
  private final BenchImages images;

  PreprocessStage(InferenceEngine engine, ImagePreprocessor preprocessor, BenchImages images) {
    this.engine = engine;
    this.preprocessor = preprocessor;
    this.images = images;
  }

  /** Decodes and runs {@code count} images in batches of {@code batch} on {@code threads}. */
  Throughput measure(int count, int batch, int threads) throws InferenceException {
    AtomicLong next = new AtomicLong();
    work(threads, batch, new AtomicLong(), (long) threads * batch); // warm-up, untimed
    long cpu = Cpu.processNanos();
    long start = System.nanoTime();
    long done = work(threads, batch, next, count);
    return Throughput.of(
        "decode-engine",
        2,
        "decode + preprocess + engine, no Kafka, batch " + batch + ", " + threads + " thread(s)",
        done,
        System.nanoTime() - start,
        Cpu.processNanos() - cpu,
        Map.of("batch", Integer.toString(batch), "threads", Integer.toString(threads)));
  }

  /** Runs workers until {@code next} reaches {@code count}; the images they ran. */
  private long work(int threads, int batch, AtomicLong next, long count) throws InferenceException {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Long>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        futures.add(pool.submit(() -> worker(batch, next, count)));
      }
      long total = 0;
      for (Future<Long> f : futures) {
        total += f.get();
      }
      return total;
    } catch (ExecutionException e) {
      if (e.getCause() instanceof InferenceException ie) {
        throw ie;
      }
      throw new IllegalStateException("a decode + engine worker failed: " + e.getCause(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } finally {
      pool.shutdownNow();
    }
  }

  private long worker(int batch, AtomicLong next, long count) throws InferenceException {
    FloatBuffer tensors = Tensors.allocate(batch);
    long ran = 0;
    while (true) {
      long first = next.getAndAdd(batch);
      if (first >= count) {
        return ran;
      }
      int n = (int) Math.min(batch, count - first);
      for (int i = 0; i < n; i++) {
        Tensors.preprocess(preprocessor, images.jpeg(first + i), tensors, i);
      }
      engine.run(tensors, n);
      ran += n;
    }
  }
}
