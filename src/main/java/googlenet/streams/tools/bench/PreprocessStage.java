package googlenet.streams.tools.bench;

import googlenet.streams.inference.Classifier;
import googlenet.streams.inference.ClassifyResult;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Stage 2: the classifier without Kafka (decode pool, scheduler, engine, top-k), fed as the
 * topology feeds it: one caller keeps up to {@code inFlight} images handed over and waits for the
 * oldest beyond that. Bounded by {@link Bounds}: when a result is late, the stage stops and reports
 * the images it got.
 *
 * @param classifier started with {@code decode} as its metrics
 * @param decode the decode threads' CPU
 * @param images the pool of JPEGs
 */
record PreprocessStage(Classifier classifier, DecodeCpu decode, BenchImages images) {

  /** Classifies {@code count} images with at most {@code inFlight} handed over at a time. */
  Throughput measure(int count, int inFlight, Bounds bounds) {
    String warm = classify(inFlight * 2L, inFlight, bounds).why(); // warm-up, untimed
    CpuSample from = CpuSample.now(decode);
    long start = System.nanoTime();
    Done done = warm.isEmpty() ? classify(count, inFlight, bounds) : new Done(0, warm);
    Window window =
        new Window(done.images(), System.nanoTime() - start, from, CpuSample.now(decode));
    int batch = classifier.settings().batchMaxSize();
    int decoders = classifier.settings().decodeThreads();
    Map<String, String> s = new LinkedHashMap<>();
    s.put("batch.max.size", Integer.toString(batch));
    s.put("decode threads", Integer.toString(decoders));
    s.put("in flight", Integer.toString(inFlight));
    s.put("mean formed batch", String.format(Locale.ROOT, "%.1f", decode.meanBatch()));
    s.put(
        "results",
        new Bounds.Outcome(done.why().isEmpty(), done.why()).results(done.images(), count));
    return Throughput.ofWindow(
        "decode-engine",
        BenchSettings.Stage.PREPROCESS.number(),
        "classifier without Kafka: "
            + decoders
            + " decode thread(s), batches up to "
            + batch
            + ", "
            + inFlight
            + " in flight",
        batch,
        window,
        s);
  }

  /** Images labelled, and why the run stopped early (empty when it did not). */
  private record Done(long images, String why) {}

  private Done classify(long count, int inFlight, Bounds bounds) {
    ArrayDeque<CompletableFuture<ClassifyResult>> pending = new ArrayDeque<>();
    long deadline = System.nanoTime() + bounds.overall().toNanos();
    long done = 0;
    try {
      for (long i = 0; i < count; i++) {
        pending.add(classifier.submit(images.jpeg(i)));
        if (pending.size() > inFlight) {
          requireLabelled(next(pending, deadline, bounds.stall()));
          done++;
        }
      }
      classifier.flush();
      while (!pending.isEmpty()) {
        requireLabelled(next(pending, deadline, bounds.stall()));
        done++;
      }
      return new Done(done, "");
    } catch (TimeoutException e) {
      pending.forEach(f -> f.cancel(false));
      return new Done(done, e.getMessage());
    }
  }

  private static ClassifyResult next(
      ArrayDeque<CompletableFuture<ClassifyResult>> pending, long deadline, Duration stall)
      throws TimeoutException {
    long left = Math.min(deadline - System.nanoTime(), stall.toNanos());
    try {
      return pending.poll().get(Math.max(0, left), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      throw new TimeoutException(
          left < stall.toNanos()
              ? "not all within the stage's bound"
              : "no result for " + stall.toSeconds() + " s");
    } catch (ExecutionException e) {
      throw new IllegalStateException("the classifier failed: " + e.getCause(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted during stage 2", e);
    }
  }

  private static void requireLabelled(ClassifyResult result) {
    if (!(result instanceof ClassifyResult.Labelled)) {
      throw new IllegalStateException("a bench image was not labelled: " + result);
    }
  }
}
