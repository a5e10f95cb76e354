package googlenet.streams.tools.bench;

import googlenet.streams.config.GnsConfig;
import googlenet.streams.inference.InferenceException;
import googlenet.streams.inference.OnnxInferenceEngine;
import googlenet.streams.model.ModelSource;
import googlenet.streams.service.Pipeline;
import googlenet.streams.tools.bench.BenchSettings.Stage;
import googlenet.streams.topology.ClassificationTopology;
import googlenet.streams.topology.TopologyMetrics;
import googlenet.streams.topology.TopologySpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The throughput stages on the in-JVM broker: the pipeline per {@link Variant} and the two
 * baselines, each over the same pre-produced input topic into a topic of its own, read back with a
 * read_committed {@link ResultReader}. Every wait is bounded ({@link Bounds}, sized from the
 * expected rate); a run that hits a bound is stopped and its figure says how many results came.
 *
 * @param kafka the broker, engine, images and settings the stages share
 */
record KafkaStages(KafkaContext kafka) {
  private static final Logger LOG = LoggerFactory.getLogger(KafkaStages.class);
  private static final double SKIP = 0.1;

  /**
   * The figure's description and settings before it runs.
   *
   * @param id figure id
   * @param stage stage column
   * @param description in words
   * @param batch the classifier's batch.max.size
   * @param settings what differs between figures
   */
  private record Spec(
      String id, int stage, String description, int batch, Map<String, String> settings) {}

  /** Creates {@code topic} and produces images 0..n-1 to it before any pipeline starts. */
  void preProduce(String topic, int n) {
    kafka.broker().createTopics(kafka.settings().partitions(), topic);
    try (ImageFeed feed = new ImageFeed(kafka.broker().bootstrapServers(), kafka.images(), false)) {
      feed.sendAll(topic, 0, n);
    }
  }

  /**
   * Runs {@code variant} over the first {@code n} images of {@code input}, each time into a topic
   * of its own, until {@link WarmUp#done} within the settings' {@link BenchSettings#warmUpSeconds},
   * and returns what the runs did; they are not reported. The JIT, the broker's log segments and
   * the page cache are then warm before the first measured figure, which otherwise always ran cold.
   * A larger model than the small synthetic one warms up on the small one: the JIT compiles the
   * same Java code (Kafka, Streams, the broker, decode, the scheduler) whatever the model, and
   * settles with the number of images run, which the small model passes several times as fast.
   */
  WarmUp warmUp(Variant variant, String input, int n, double expectedPerSecond) {
    BenchSettings settings = kafka.settings();
    if (settings.smallModel(kafka.engine().model().name())) {
      return runs(variant, input, n, expectedPerSecond, false);
    }
    try (OnnxInferenceEngine small = EngineStage.open(ModelSource.SYNTHETIC_SMALL, settings)) {
      return new KafkaStages(kafka.with(small)).runs(variant, input, n, expectedPerSecond, true);
    } catch (InferenceException e) {
      throw new IllegalStateException("the warm-up's small model: " + e.getMessage(), e);
    }
  }

  private WarmUp runs(
      Variant variant, String input, int n, double expectedPerSecond, boolean onSmallModel) {
    long start = System.nanoTime();
    List<Throughput> runs = new ArrayList<>();
    WarmUp warm;
    do {
      runs.add(pipeline(variant, input, n, expectedPerSecond, "-warm-up-" + (runs.size() + 1)));
      double seconds = (System.nanoTime() - start) / 1e9;
      warm = new WarmUp(runs, seconds, kafka.settings().warmUpSeconds(), onSmallModel);
    } while (!warm.done());
    return warm;
  }

  /** Stage 3: the real topology in {@code variant} over the pre-produced {@code input}. */
  Throughput pipeline(Variant variant, String input, int n, double expectedPerSecond) {
    return pipeline(variant, input, n, expectedPerSecond, "");
  }

  /**
   * Stage 3 again for {@code variant}, as figure {@code <id><suffix>} with its own output topic: a
   * second measurement, taken in another order, for figures compared with each other.
   */
  Throughput pipeline(
      Variant variant, String input, int n, double expectedPerSecond, String suffix) {
    String id = variant.id() + suffix;
    GnsConfig config = kafka.config(variant, input, "bench-out-" + id);
    String description = variant.description() + (suffix.isEmpty() ? "" : ", measured again");
    Spec spec =
        new Spec(
            id,
            Stage.PIPELINE.number(),
            description,
            variant.batch(),
            variant.settings(kafka.settings().batchDelayMs()));
    return measure(
        spec,
        config,
        n,
        expectedPerSecond,
        pipeline -> {
          TopologySpec topology = TopologySpec.of(config);
          return streams(
              ClassificationTopology.build(
                  variant.durableBuffer() ? topology : topology.withoutBufferChangelog(),
                  pipeline.classifier(),
                  TopologyMetrics.NONE),
              config,
              n);
        });
  }

  /** Stage 4: the naive baseline, at-least-once, over the pre-produced {@code input}. */
  Throughput naive(String input, int n, double expectedPerSecond) {
    GnsConfig config = kafka.config(Variant.of(1, false, false), input, "bench-out-naive");
    Spec spec =
        new Spec(
            "naive-baseline",
            Stage.NAIVE.number(),
            "naive baseline: mapValues, one image per engine run, no buffer, at-least-once",
            1,
            Map.of("processing.guarantee", "at_least_once", "batch", "1 (no buffer)"));
    return measure(
        spec,
        config,
        n,
        expectedPerSecond,
        pipeline ->
            streams(
                new NaiveBaseline(pipeline.classifier()).topology(input, config.outputTopic()),
                config,
                n));
  }

  /**
   * Stage 4: the plain consumer-loop baseline over the pre-produced {@code input}, with the default
   * pipeline's classifier settings and as many loop threads as the pipeline has stream threads. A
   * poll returns at most two default batches, so one batch decodes while the other runs and the
   * threads keep as many images in flight as stage 2 does.
   */
  Throughput consumerLoop(String input, int n, double expectedPerSecond) {
    BenchSettings s = kafka.settings();
    int maxPollRecords = 2 * s.defaultBatch();
    Variant variant = Variant.of(s.defaultBatch(), false, false);
    GnsConfig config = kafka.config(variant, input, "bench-out-consumer-loop");
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("processing.guarantee", "at-least-once (commitSync after each poll)");
    settings.put("batch.max.size", Integer.toString(s.defaultBatch()));
    settings.put("batch.max.delay.ms", Long.toString(s.batchDelayMs()));
    settings.put("threads", Integer.toString(s.streamThreads()));
    settings.put("max.poll.records", Integer.toString(maxPollRecords));
    Spec spec =
        new Spec(
            "consumer-loop",
            Stage.CONSUMER.number(),
            "plain consumer loop: poll, classify all, produce, flush, commitSync; at-least-once",
            s.defaultBatch(),
            settings);
    return measure(
        spec,
        config,
        n,
        expectedPerSecond,
        pipeline ->
            new ConsumerLoop(
                    kafka.broker().bootstrapServers(),
                    KafkaContext.group(config.outputTopic()),
                    input,
                    config.outputTopic(),
                    pipeline.classifier(),
                    maxPollRecords)
                .start(s.streamThreads()));
  }

  private StreamsRun streams(org.apache.kafka.streams.Topology topology, GnsConfig config, int n) {
    return StreamsRun.start(topology, config, kafka.broker().logDirectory(), n);
  }

  /**
   * Starts a classifier measured by a {@link DecodeCpu}, the reader, then the run; waits within
   * {@link Bounds#forRate}; takes the steady window; stops the run.
   */
  private Throughput measure(
      Spec spec,
      GnsConfig config,
      int n,
      double expectedPerSecond,
      Function<Pipeline, MeasuredRun> start) {
    LOG.info("bench {}: {} images", spec.id(), n);
    DecodeCpu decode = new DecodeCpu();
    String bootstrap = kafka.broker().bootstrapServers();
    try (Pipeline pipeline = kafka.pipeline(config, decode);
        ResultReader reader = ResultReader.start(bootstrap, config.outputTopic(), n, decode)) {
      Bounds.Outcome got;
      Window window;
      MeasuredRun run = start.apply(pipeline);
      try (run) { // a failure to stop is suppressed by the one that ended the wait, not the reverse
        got = reader.await(n, Bounds.forRate(n, expectedPerSecond));
        window = reader.steadyWindow(SKIP);
      }
      Map<String, String> s = new LinkedHashMap<>(spec.settings());
      s.put("results", got.results(reader.unique(), n));
      s.put("duplicates", Long.toString(reader.duplicates()));
      s.put("mean formed batch", String.format(Locale.ROOT, "%.1f", decode.meanBatch()));
      s.putAll(run.settings());
      if (!got.all()) {
        s.put(
            "committed/end offsets",
            CommittedOffsets.describe(
                bootstrap, KafkaContext.group(config.outputTopic()), config.inputTopic()));
      }
      return Throughput.ofWindow(
          spec.id(), spec.stage(), spec.description(), spec.batch(), window, s);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted during " + spec.id(), e);
    }
  }
}
