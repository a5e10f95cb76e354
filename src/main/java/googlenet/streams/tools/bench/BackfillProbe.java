package googlenet.streams.tools.bench;

import googlenet.streams.inference.InferenceEngine;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Stage 6: measures a backfill over the benchmark's pre-produced input topic, through the backfill
 * command's in-process entry point.
 */
@FunctionalInterface
public interface BackfillProbe {

  /**
   * Backfills images 0..images-1 of {@code inputTopic} into {@code outputTopic} (created already)
   * with {@code engine}.
   *
   * @return the figure, or empty when backfill is not available in this build
   */
  Optional<Throughput> measure(
      String bootstrapServers,
      InferenceEngine engine,
      String inputTopic,
      String outputTopic,
      int images,
      Path stateDir);

  /** Backfill through {@code Backfill.run} with {@code model} and the given stream threads. */
  static BackfillProbe backfill(String model, int streamThreads) {
    return new BackfillStage(model, streamThreads);
  }

  /** No backfill figure: the stage reports "not available". */
  BackfillProbe NOT_AVAILABLE = (bootstrap, engine, in, out, images, stateDir) -> Optional.empty();
}
