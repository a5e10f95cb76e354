package googlenet.streams.tools.demo;

import java.time.Duration;
import java.util.Optional;

/**
 * What the demo runs.
 *
 * @param images number of generated pictures (broken inputs are added to them)
 * @param modelSpec {@code synthetic}, {@code synthetic-small} or an ONNX file
 * @param labels synset file naming the classes, if any
 * @param batchSize {@code batch.max.size}, or empty for the configuration's default
 * @param timeout longest wait for every record to be accounted for
 * @param keepRunning whether to keep the broker and the pipeline up after the report
 */
public record DemoSettings(
    int images,
    String modelSpec,
    Optional<String> labels,
    Optional<Integer> batchSize,
    Duration timeout,
    boolean keepRunning) {

  /** Validates the numbers. */
  public DemoSettings {
    if (images < 0) {
      throw new IllegalArgumentException("--images must be >= 0, got " + images);
    }
    batchSize.ifPresent(
        b -> {
          if (b < 1) {
            throw new IllegalArgumentException("--batch-size must be >= 1, got " + b);
          }
        });
  }

  /** True when the model is one of the synthetic ones. */
  public boolean synthetic() {
    return modelSpec.strip().toLowerCase(java.util.Locale.ROOT).startsWith("synthetic");
  }
}
