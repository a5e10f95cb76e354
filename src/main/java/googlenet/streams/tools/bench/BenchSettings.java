package googlenet.streams.tools.bench;

import googlenet.streams.config.GnsConfig;
import googlenet.streams.config.GnsKeys;
import googlenet.streams.inference.EngineConfig;
import googlenet.streams.model.ModelSource;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.streams.StreamsConfig;

/**
 * How a benchmark run is set up. The thread settings hold for every stage.
 *
 * @param model {@code synthetic}, {@code synthetic-small} or an ONNX file
 * @param images images per throughput figure (stages 2-4 and 6)
 * @param out directory of bench.json, bench.md and bench.png
 * @param intraOpThreads ONNX Runtime intra-op threads, 0 for ONNX Runtime's choice (one per core)
 * @param streamThreads Kafka Streams threads, the worker threads of stage 2 and the threads of the
 *     consumer-loop baseline
 * @param partitions partitions of the input topics
 * @param engineBatches batch sizes tried for the raw engine ceiling
 * @param defaultBatch the default {@code batch.max.size}, first of the pipeline figures
 * @param otherBatches other {@code batch.max.size} values measured with exactly-once
 * @param batchDelayMs {@code batch.max.delay.ms} of every pipeline figure
 * @param keys other configuration keys (the service's or Kafka's) every Kafka stage's pipeline and
 *     the backfill run with, e.g. {@code commit.interval.ms}; not those the bench sets per figure.
 *     {@code intra.op.spinning} also holds for the one engine every stage shares
 * @param engineSeconds measured seconds per engine batch size
 * @param latencySeconds measured seconds per latency load (after a warm-up of a third of it)
 * @param warmUpSeconds at most this many seconds of unreported default-pipeline runs before the
 *     first Kafka figure ({@link WarmUp}); 0 for a single run
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
    Map<String, String> keys,
    double engineSeconds,
    double latencySeconds,
    double warmUpSeconds,
    List<Double> loads,
    Set<Stage> stages,
    boolean quick) {

  /** The stages, in run order; the number is the report's stage column. */
  public enum Stage {
    /** Raw engine: preprocessed tensors into ONNX Runtime, per batch size. */
    ENGINE(1),
    /** The classifier (decode pool, scheduler, engine), no Kafka. */
    PREPROCESS(2),
    /** The pipeline end to end on the in-JVM broker. */
    PIPELINE(3),
    /** The naive mapValues baseline topology. */
    NAIVE(4),
    /** The plain consumer-loop baseline (poll, classify, produce, commitSync). */
    CONSUMER(4),
    /** Latency at fixed offered loads. */
    LATENCY(5),
    /** Backfill throughput. */
    BACKFILL(6);

    private final int number;

    Stage(int number) {
      this.number = number;
    }

    /** The stage column of the report; the two baselines share 4. */
    public int number() {
      return number;
    }

    /** Whether the stage runs on the in-JVM broker. */
    boolean usesKafka() {
      return this != ENGINE && this != PREPROCESS;
    }

    /** Parses {@code engine}, {@code pipeline} ... naming the accepted values when wrong. */
    public static Stage fromId(String id) {
      try {
        return valueOf(id.strip().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "unknown stage '"
                + id
                + "'; accepted: engine, preprocess, pipeline, naive, consumer, latency, backfill",
            e);
      }
    }

    /** The lower-case id. */
    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * Warm-up budget of the full run: on the full model the JIT compiler still took 5-10 CPU ms/image
   * after three runs of 200 images, and it settles with the number of images run, which the full
   * model passes slowly.
   */
  static final double FULL_WARM_UP_SECONDS = 90;

  /**
   * Warm-up budget of the quick run: a soak of the small model at 110 images/s needed about 75 s
   * (some 8,000 images) before the JIT compiler's share fell under 0.5 CPU ms/image to stay.
   */
  static final double QUICK_WARM_UP_SECONDS = 60;

  /** The longest warm-up {@code --warm-up-seconds} accepts. */
  static final int MAX_WARM_UP_SECONDS = 600;

  /** Keys the bench sets for each figure, which {@code keys} may not change. */
  static final Set<String> PER_FIGURE =
      Set.of(
          GnsKeys.BATCH_MAX_SIZE,
          GnsKeys.BATCH_MAX_DELAY_MS,
          GnsKeys.MODEL_PATH,
          GnsKeys.INPUT_TOPIC,
          GnsKeys.OUTPUT_TOPIC,
          GnsKeys.DLQ_TOPIC,
          StreamsConfig.BOOTSTRAP_SERVERS_CONFIG,
          StreamsConfig.APPLICATION_ID_CONFIG,
          StreamsConfig.PROCESSING_GUARANTEE_CONFIG,
          StreamsConfig.NUM_STREAM_THREADS_CONFIG,
          StreamsConfig.STATE_DIR_CONFIG);

  /** Validates and copies. */
  public BenchSettings {
    engineBatches = List.copyOf(engineBatches);
    otherBatches = List.copyOf(otherBatches);
    loads = List.copyOf(loads);
    keys = Map.copyOf(keys);
    for (String key : keys.keySet()) {
      require(
          !PER_FIGURE.contains(key),
          "--set " + key + ": the bench sets this key itself for each figure");
    }
    String spinning = keys.getOrDefault(GnsKeys.INTRA_OP_SPINNING, "false");
    require(
        spinning.equalsIgnoreCase("true") || spinning.equalsIgnoreCase("false"),
        "--set " + GnsKeys.INTRA_OP_SPINNING + "=" + spinning + ": expected true or false");
    String blocks = blockBase(keys);
    require(
        blocks.matches("[0-9]{1,2}") && Integer.parseInt(blocks) <= 64,
        "--set "
            + GnsKeys.INTRA_OP_DYNAMIC_BLOCK_BASE
            + "="
            + blocks
            + ": expected a whole number from 0 (off) to 64");
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
    requireWarmUp(warmUpSeconds);
    require(loads.stream().allMatch(f -> f > 0 && f <= 1), "loads must be in (0, 1], got " + loads);
  }

  /** The full run for {@code model} (default {@code synthetic}). */
  public static BenchSettings full(String model, Path out) {
    return standard(model, out, 600, List.of(1, 4, 8, 16, 32), 4, 20, FULL_WARM_UP_SECONDS, false);
  }

  /** The quick run (default model {@code synthetic-small}): about 2 minutes on 2 idle cores. */
  public static BenchSettings quick(String model, Path out) {
    return standard(model, out, 400, List.of(1, 8, 32), 1, 6, QUICK_WARM_UP_SECONDS, true);
  }

  /**
   * What the full and the quick run share: service default threads, 2 partitions, default batch 8
   * (and 1 and 32 measured too), delay 50 ms, loads of 50% and 80%, every stage.
   */
  private static BenchSettings standard(
      String model,
      Path out,
      int images,
      List<Integer> engineBatches,
      double engineSeconds,
      double latencySeconds,
      double warmUpSeconds,
      boolean quick) {
    return new BenchSettings(
        model,
        images,
        out,
        0,
        GnsConfig.defaultStreamThreads(),
        2,
        engineBatches,
        8,
        List.of(1, 32),
        50,
        Map.of(),
        engineSeconds,
        latencySeconds,
        warmUpSeconds,
        List.of(0.5, 0.8),
        EnumSet.allOf(Stage.class),
        quick);
  }

  /**
   * Whether the run's model is the small synthetic one: named so, or a file whose model name (e.g.
   * {@code googlenet-synthetic-v1-w8-s42}) says so.
   */
  boolean smallModel(String modelName) {
    return ModelSource.SYNTHETIC_SMALL.equals(model) || modelName.contains("-w8-");
  }

  /** A copy with other values for what the command line can change. */
  public BenchSettings with(Overrides o) {
    return new BenchSettings(
        model,
        o.images(),
        out,
        o.intraOpThreads(),
        o.streamThreads(),
        partitions,
        engineBatches,
        defaultBatch,
        o.otherBatches(),
        batchDelayMs,
        o.keys(),
        o.engineSeconds(),
        o.latencySeconds(),
        o.warmUpSeconds(),
        loads,
        o.stages(),
        quick);
  }

  /**
   * What the command line can change (each validated by {@link BenchSettings}).
   *
   * @param images images per throughput figure
   * @param intraOpThreads ONNX Runtime intra-op threads, 0 for one per core
   * @param streamThreads Kafka Streams threads, stage-2 workers and consumer-loop threads
   * @param stages stages to run
   * @param engineSeconds measured seconds per engine batch size
   * @param latencySeconds measured seconds per latency load
   * @param warmUpSeconds at most this many seconds of warm-up before the first Kafka figure
   * @param otherBatches other batch sizes measured end to end
   * @param keys other configuration keys every Kafka stage runs with
   */
  public record Overrides(
      int images,
      int intraOpThreads,
      int streamThreads,
      Set<Stage> stages,
      double engineSeconds,
      double latencySeconds,
      double warmUpSeconds,
      List<Integer> otherBatches,
      Map<String, String> keys) {}

  /**
   * The classifier's settings of a pipeline figure: the {@code --set} keys, batch size, the bench's
   * delay and model.
   */
  Map<String, String> classifierKeys(int batch) {
    Map<String, String> m = new HashMap<>(keys);
    m.put(GnsKeys.BATCH_MAX_SIZE, Integer.toString(batch));
    m.put(GnsKeys.BATCH_MAX_DELAY_MS, Long.toString(batchDelayMs));
    m.put(GnsKeys.MODEL_PATH, model);
    return m;
  }

  /**
   * Whether the shared engine's intra-op threads spin: {@code --set intra.op.spinning}, off by
   * default as in the service.
   */
  public boolean intraOpSpinning() {
    return Boolean.parseBoolean(keys.getOrDefault(GnsKeys.INTRA_OP_SPINNING, "false"));
  }

  /**
   * The shared engine's dynamic block base: {@code --set intra.op.dynamic.block.base}, the
   * service's default otherwise.
   */
  public int dynamicBlockBase() {
    return Integer.parseInt(blockBase(keys));
  }

  private static String blockBase(Map<String, String> keys) {
    return keys.getOrDefault(
        GnsKeys.INTRA_OP_DYNAMIC_BLOCK_BASE,
        Integer.toString(EngineConfig.DEFAULT_DYNAMIC_BLOCK_BASE));
  }

  /** Whether {@code stage} runs. */
  public boolean runs(Stage stage) {
    return stages.contains(stage);
  }

  /** Refuses a warm-up budget outside 0 to {@link #MAX_WARM_UP_SECONDS}, naming the option. */
  static void requireWarmUp(double seconds) {
    require(
        seconds >= 0 && seconds <= MAX_WARM_UP_SECONDS,
        "--warm-up-seconds must be from 0 to "
            + MAX_WARM_UP_SECONDS
            + ", got "
            + BigDecimal.valueOf(seconds).stripTrailingZeros().toPlainString());
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }
}
