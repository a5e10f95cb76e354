package googlenet.streams.tools.bench;

import googlenet.streams.inference.Classifier;
import googlenet.streams.inference.ClassifyResult;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Stage 2: the classifier without Kafka (decode pool, scheduler, engine, top-k), fed as the
 * topology feeds it: one caller keeps up to {@code inFlight} images handed over and waits for the
 * oldest beyond that.
 */
final class PreprocessStage {
  private final Classifier classifier;
  private final BenchImages images;

  PreprocessStage(Classifier classifier, BenchImages images) {
    this.classifier = classifier;
    this.images = images;
  }

  /** Classifies {@code count} images with at most {@code inFlight} handed over at a time. */
  Throughput measure(int count, int inFlight) {
    classify(inFlight * 2L, inFlight); // warm-up, untimed
    long cpu = Cpu.processNanos();
    long start = System.nanoTime();
    classify(count, inFlight);
    int batch = classifier.settings().batchMaxSize();
    int decoders = classifier.settings().decodeThreads();
    return Throughput.of(
        "decode-engine",
        2,
        "classifier without Kafka: "
            + decoders
            + " decode thread(s), batches up to "
            + batch
            + ", "
            + inFlight
            + " in flight",
        count,
        System.nanoTime() - start,
        Cpu.processNanos() - cpu,
        Map.of(
            "batch.max.size",
            Integer.toString(batch),
            "decode threads",
            Integer.toString(decoders),
            "in flight",
            Integer.toString(inFlight)));
  }

  private void classify(long count, int inFlight) {
    ArrayDeque<CompletableFuture<ClassifyResult>> pending = new ArrayDeque<>();
    for (long i = 0; i < count; i++) {
      pending.add(classifier.submit(images.jpeg(i)));
      if (pending.size() > inFlight) {
        requireLabelled(pending.poll().join());
      }
    }
    pending.forEach(f -> requireLabelled(f.join()));
  }

  private static void requireLabelled(ClassifyResult result) {
    if (!(result instanceof ClassifyResult.Labelled)) {
      throw new IllegalStateException("a bench image was not labelled: " + result);
    }
  }
}
