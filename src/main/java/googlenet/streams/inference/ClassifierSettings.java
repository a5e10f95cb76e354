package googlenet.streams.inference;

import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link Classifier} batches and how many threads it uses.
 *
 * @param topK predictions per labelled image, most probable first
 * @param batchMaxSize largest number of images in one engine run
 * @param batchMaxDelay longest time the oldest queued image waits for a fuller batch while the
 *     engine is free; zero runs whatever is queued at once
 * @param decodeThreads threads that decode and preprocess images, in parallel with inference
 * @param concurrentRuns engine runs in flight at once; on the CPU, times the intra-op threads, at
 *     most the cores
 */
public record ClassifierSettings(
    int topK, int batchMaxSize, Duration batchMaxDelay, int decodeThreads, int concurrentRuns) {

  /** Validates the settings. */
  public ClassifierSettings {
    Objects.requireNonNull(batchMaxDelay, "batchMaxDelay");
    requireAtLeastOne("topK", topK);
    requireAtLeastOne("batchMaxSize", batchMaxSize);
    requireAtLeastOne("decodeThreads", decodeThreads);
    requireAtLeastOne("concurrentRuns", concurrentRuns);
    if (batchMaxDelay.isNegative()) {
      throw new IllegalArgumentException("batchMaxDelay must be >= 0, got " + batchMaxDelay);
    }
  }

  /**
   * Tensor slots the classifier allocates: enough for the decode threads to fill the next batch of
   * every runner while a batch runs. Bounds the memory of decoded images.
   */
  int slots() {
    return batchMaxSize * (concurrentRuns + 1) + decodeThreads;
  }

  private static void requireAtLeastOne(String name, int value) {
    if (value < 1) {
      throw new IllegalArgumentException(name + " must be >= 1, got " + value);
    }
  }
}
