package googlenet.streams.tools.bench;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

/**
 * How a soak run ({@code bench soak}) is set up.
 *
 * @param model {@code synthetic}, {@code synthetic-small} or an ONNX file
 * @param minutes length of the steady load, in minutes (fractions allowed)
 * @param load offered load as a fraction of the pipeline's measured capacity, in (0, 1]
 * @param intervalSeconds seconds between samples
 * @param fullGcSeconds seconds between the full collections forced at a sample, to read the live
 *     heap; 0 for none
 * @param capacityImages images of the capacity measurement before the steady load
 * @param warmUpSeconds at most this many seconds of warm-up runs over those images before the
 *     capacity measurement, as {@code bench} has ({@link BenchSettings#warmUpSeconds})
 * @param intraOpThreads ONNX Runtime intra-op threads, 0 for one per core
 * @param streamThreads Kafka Streams threads
 * @param keys configuration keys (the service's or Kafka's) the pipeline runs with, as {@code bench
 *     --set} takes them; {@code intra.op.spinning} also holds for the engine
 * @param out directory of soak.json and soak.png
 */
public record SoakSettings(
    String model,
    double minutes,
    double load,
    double intervalSeconds,
    double fullGcSeconds,
    int capacityImages,
    double warmUpSeconds,
    int intraOpThreads,
    int streamThreads,
    Map<String, String> keys,
    Path out) {

  /** Validates, naming the option and the value. */
  public SoakSettings {
    require(minutes > 0, "--minutes must be > 0, got " + minutes);
    require(load > 0 && load <= 1, "--load must be in (0, 1], got " + load);
    require(intervalSeconds > 0, "--interval must be > 0 seconds, got " + intervalSeconds);
    require(
        minutes * 60 >= intervalSeconds * SoakDrift.MIN_SAMPLES,
        "--minutes "
            + minutes
            + " gives fewer than "
            + SoakDrift.MIN_SAMPLES
            + " samples of --interval "
            + intervalSeconds
            + " s: lengthen the run or shorten the interval");
    require(fullGcSeconds >= 0, "--full-gc-every must be >= 0 seconds, got " + fullGcSeconds);
    require(capacityImages >= 20, "--capacity-images must be >= 20, got " + capacityImages);
    BenchSettings.requireWarmUp(warmUpSeconds);
    keys = Map.copyOf(keys);
  }

  /**
   * The bench settings the shared pieces read: the full run's batching (batch 8, delay 50 ms, 2
   * partitions), this run's threads, model and keys, and the capacity measurement's image count.
   */
  BenchSettings bench() {
    BenchSettings full = BenchSettings.full(model, out);
    return full.with(
        new BenchSettings.Overrides(
            capacityImages,
            intraOpThreads,
            streamThreads,
            EnumSet.of(BenchSettings.Stage.ENGINE, BenchSettings.Stage.PIPELINE),
            full.engineSeconds(),
            full.latencySeconds(),
            warmUpSeconds,
            List.of(),
            keys));
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }
}
