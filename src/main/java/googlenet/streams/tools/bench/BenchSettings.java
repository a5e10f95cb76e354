package googlenet.streams.tools.bench;

import googlenet.streams.config.GnsConfig;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * How a benchmark run is set up. The thread settings hold for every stage.
 *
 * @param model {@code synthetic}, {@code synthetic-small} or an ONNX file
 * @param images images per throughput figure (stages 2-4 and 6)
 * @param out directory of bench.json, bench.md and bench.png
 * @param intraOpThreads ONNX Runtime intra-op threads, 0 for ONNX Runtime's choice (one per core)
 * @param streamThreads Kafka Streams threads, and worker threads of stage 2
 * @param partitions partitions of the input topics
 * @param engineBatches batch sizes tried for the raw engine ceiling
 * @param defaultBatch the default {@code batch.max.size}, first of the pipeline figures
 * @param otherBatches other {@code batch.max.size} values measured with exactly-once
 * @param batchDelayMs {@code batch.max.delay.ms} of every pipeline figure
 * @param engineSeconds measured seconds per engine batch size
 * @param latencySeconds measured seconds per latency load (after a warm-up of a third of it)
 * @param loads offered loads as fractions of the pipeline maximum
 * @param stages stages to run
 * @param quick whether this is the quick run
 */
public record BenchSettings(
    String model,
    int images,
    Path out,
    int intraOpThreads,
    int streamThreads,
    int partitions,
    List<Integer> engineBatches,
    int defaultBatch,
    List<Integer> otherBatches,
    long batchDelayMs,
    double engineSeconds,
    double latencySeconds,
    List<Double> loads,
    Set<Stage> stages,
    boolean quick) {

  /** The stages of issue 5, in run order. */
  public enum Stage {
    /** Raw engine: preprocessed tensors into ONNX Runtime, per batch size. */
    ENGINE,
    /** Decode + preprocess + engine, no Kafka. */
    PREPROCESS,
    /** The pipeline end to end on the in-JVM broker. */
    PIPELINE,
    /** The naive mapValues baseline topology. */
    NAIVE,
    /** Latency at fixed offered loads. */
    LATENCY,
    /** Backfill throughput. */
    BACKFILL;

    /** Parses {@code engine}, {@code pipeline} ... naming the accepted values when wrong. */
    public static Stage fromId(String id) {
      try {
        return valueOf(id.strip().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "unknown stage '"
                + id
                + "'; accepted: engine, preprocess, pipeline, naive, latency, backfill",
            e);
      }
    }

    /** The lower-case id. */
    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** Validates and copies. */
  public BenchSettings {
    engineBatches = List.copyOf(engineBatches);
    otherBatches = List.copyOf(otherBatches);
    loads = List.copyOf(loads);
    stages = stages.isEmpty() ? EnumSet.noneOf(Stage.class) : EnumSet.copyOf(stages);
    require(images >= 2, "--images must be at least 2, got " + images);
    require(intraOpThreads >= 0, "--intra-op-threads must be >= 0, got " + intraOpThreads);
    require(streamThreads >= 1, "--stream-threads must be >= 1, got " + streamThreads);
    require(partitions >= 1, "--partitions must be >= 1, got " + partitions);
    require(
        !engineBatches.isEmpty() && engineBatches.stream().allMatch(b -> b >= 1),
        "engine batch sizes must all be >= 1, got " + engineBatches);
    require(defaultBatch >= 1, "the default batch must be >= 1, got " + defaultBatch);
    require(
        otherBatches.stream().allMatch(b -> b >= 1),
        "pipeline batch sizes must all be >= 1, got " + otherBatches);
    require(batchDelayMs >= 1, "the batch delay must be >= 1 ms, got " + batchDelayMs);
    require(engineSeconds > 0 && latencySeconds > 0, "measured seconds must be > 0");
    require(loads.stream().allMatch(f -> f > 0 && f <= 1), "loads must be in (0, 1], got " + loads);
  }

  /** The full run for {@code model} (default {@code synthetic}). */
  public static BenchSettings full(String model, Path out) {
    return new BenchSettings(
        model,
        600,
        out,
        0,
        GnsConfig.defaultStreamThreads(),
        2,
        List.of(1, 4, 8, 16, 32),
        8,
        List.of(1, 32),
        50,
        4,
        20,
        List.of(0.5, 0.8),
        EnumSet.allOf(Stage.class),
        false);
  }

  /** The quick run (default model {@code synthetic-small}): well under 2 minutes on 2 cores. */
  public static BenchSettings quick(String model, Path out) {
    return new BenchSettings(
        model,
        400,
        out,
        0,
        GnsConfig.defaultStreamThreads(),
        2,
        List.of(1, 8, 32),
        8,
        List.of(1, 32),
        50,
        1,
        6,
        List.of(0.5, 0.8),
        EnumSet.allOf(Stage.class),
        true);
  }

  /** A copy with other values for what the command line can change. */
  public BenchSettings with(
      int newImages, int newIntraOp, int newStreamThreads, Set<Stage> newStages) {
    return new BenchSettings(
        model,
        newImages,
        out,
        newIntraOp,
        newStreamThreads,
        partitions,
        engineBatches,
        defaultBatch,
        otherBatches,
        batchDelayMs,
        engineSeconds,
        latencySeconds,
        loads,
        newStages,
        quick);
  }

  /** A copy with other measuring durations and pipeline batch sizes (tests, tuning). */
  public BenchSettings withTimes(
      double newEngineSeconds, double newLatencySeconds, List<Integer> newOtherBatches) {
    return new BenchSettings(
        model,
        images,
        out,
        intraOpThreads,
        streamThreads,
        partitions,
        engineBatches,
        defaultBatch,
        newOtherBatches,
        batchDelayMs,
        newEngineSeconds,
        newLatencySeconds,
        loads,
        stages,
        quick);
  }

  /** Whether {@code stage} runs. */
  public boolean runs(Stage stage) {
    return stages.contains(stage);
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }
}
