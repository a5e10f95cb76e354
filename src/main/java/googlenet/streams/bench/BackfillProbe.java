package googlenet.streams.bench;

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
   * Backfills images 0..images-1 of {@code inputTopic} with {@code engine}.
   *
   * @return the figure, or empty when backfill is not available in this build
   */
  Optional<Throughput> measure(
      String bootstrapServers,
      InferenceEngine engine,
      String inputTopic,
      int images,
      Path stateDir);

  /** The hook used until the backfill command offers an in-process entry point. */
  BackfillProbe NOT_AVAILABLE = (bootstrap, engine, topic, images, stateDir) -> Optional.empty();
}
