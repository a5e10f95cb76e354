package googlenet.streams.tools.bench;

import googlenet.streams.config.GnsConfig;
import googlenet.streams.config.GnsKeys;
import googlenet.streams.inference.InferenceEngine;
import googlenet.streams.inference.SchedulerMetrics;
import googlenet.streams.ops.ServiceOps;
import googlenet.streams.service.Pipeline;
import googlenet.streams.service.StartupException;
import googlenet.streams.service.StreamsRunner;
import googlenet.streams.tools.broker.EmbeddedKafkaBroker;
import googlenet.streams.topology.ClassificationTopology;
import googlenet.streams.topology.TopologyMetrics;
import googlenet.streams.topology.TopologySpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stages 3-5 on the in-JVM broker: the pipeline per {@link Variant}, the naive baseline, and
 * latency at a fixed offered load. Every run gets its own application id and output topic; the
 * throughput runs share one pre-produced input topic.
 */
final class KafkaStages {
  private static final Logger LOG = LoggerFactory.getLogger(KafkaStages.class);
  private static final double SKIP = 0.1;
  private static final int STARTUP_IMAGES = 2;

  private final EmbeddedKafkaBroker broker;
  private final InferenceEngine engine;
  private final BenchImages images;
  private final BenchSettings settings;
  private final Path stateDir;
  private final AtomicInteger runs = new AtomicInteger();

  KafkaStages(
      EmbeddedKafkaBroker broker,
      InferenceEngine engine,
      BenchImages images,
      BenchSettings settings,
      Path stateDir) {
    this.broker = broker;
    this.engine = engine;
    this.images = images;
    this.settings = settings;
    this.stateDir = stateDir;
  }

  /** Creates {@code topic} and produces images 0..n-1 to it before any pipeline starts. */
  void preProduce(String topic, int n) {
    broker.createTopics(settings.partitions(), topic);
    try (ImageFeed feed = new ImageFeed(broker.bootstrapServers(), images, false)) {
      feed.sendAll(topic, 0, n);
    }
  }

  /**
   * Runs {@code variant} over the first {@code n} images of {@code input} into a topic of its own
   * and reports nothing: the JIT, the broker's log segments and the page cache are warm before the
   * first measured figure, which otherwise always ran cold.
   */
  void warmUp(Variant variant, String input, int n, double expectedPerSecond) {
    pipeline(variant, input, n, expectedPerSecond, "-warm-up");
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
    GnsConfig config = config(variant, input, "bench-out-" + id);
    try (Pipeline pipeline = pipeline(config)) {
      TopologySpec spec = TopologySpec.of(config);
      Topology topology =
          ClassificationTopology.build(
              variant.durableBuffer() ? spec : spec.withoutBufferChangelog(),
              pipeline.classifier(),
              TopologyMetrics.NONE);
      return throughput(
          id,
          3,
          variant.description() + (suffix.isEmpty() ? "" : ", measured again"),
          variant.settings(settings.batchDelayMs()),
          topology,
          config,
          n,
          expectedPerSecond);
    }
  }

  private Pipeline pipeline(GnsConfig config) {
    try {
      return Pipeline.around(engine, config, SchedulerMetrics.NONE);
    } catch (StartupException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  /** Stage 4: the naive baseline, at-least-once, over the pre-produced {@code input}. */
  Throughput naive(String input, int n, double expectedPerSecond) {
    String output = "bench-out-naive";
    broker.createTopics(settings.partitions(), output);
    GnsConfig config = config(Variant.of(1, false, false), input, output);
    try (Pipeline pipeline = pipeline(config)) {
      Topology topology = new NaiveBaseline(pipeline.classifier()).topology(input, output);
      return throughput(
          "naive-baseline",
          4,
          "naive baseline: mapValues, one image per engine run, no buffer, at-least-once",
          Map.of("processing.guarantee", "at_least_once", "batch", "1 (no buffer)"),
          topology,
          config,
          n,
          expectedPerSecond);
    }
  }

  private Throughput throughput(
      String id,
      int stage,
      String description,
      Map<String, String> figureSettings,
      Topology topology,
      GnsConfig config,
      int n,
      double expectedPerSecond) {
    LOG.info("bench {}: {} images", id, n);
    Properties props = config.streamsProperties();
    try (ResultReader reader =
            ResultReader.start(broker.bootstrapServers(), config.outputTopic(), n);
        StreamsRun run = StreamsRun.start(topology, config)) {
      boolean all = reader.await(n, timeout(n, expectedPerSecond));
      long[] window = reader.steadyWindow(SKIP);
      Map<String, String> s = new HashMap<>(figureSettings);
      s.put("results", reader.unique() + "/" + n + (all ? "" : " (timed out)"));
      s.put("duplicates", Long.toString(reader.duplicates()));
      run.close();
      long changelog =
          ChangelogBytes.of(
              broker.logDirectory(), props.getProperty(StreamsConfig.APPLICATION_ID_CONFIG));
      if (changelog >= 0) {
        s.put("changelog KB/image", String.format(Locale.ROOT, "%.1f", changelog / 1024.0 / n));
      }
      return Throughput.ofWindow(id, stage, description, window, s);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted during " + id, e);
    }
  }

  /**
   * Stage 5: the default pipeline on a fresh input topic, fed by a paced producer at {@code
   * perSecond}; a third of the time warms up, the rest is measured.
   */
  Latency latency(double fraction, double perSecond) {
    String id = "latency-" + Math.round(fraction * 100);
    String input = "bench-in-" + id;
    broker.createTopics(settings.partitions(), input);
    Variant variant = Variant.of(settings.defaultBatch(), true, true);
    GnsConfig config = config(variant, input, "bench-out-" + id);
    long warm = STARTUP_IMAGES + Math.max(1, Math.round(perSecond * settings.latencySeconds() / 3));
    long measured = Math.max(2, Math.round(perSecond * settings.latencySeconds()));
    int total = (int) (warm + measured);
    LOG.info("bench {}: {} images at {} images/s", id, total, String.format("%.1f", perSecond));
    try (Pipeline pipeline = pipeline(config);
        ResultReader reader =
            ResultReader.start(broker.bootstrapServers(), config.outputTopic(), total);
        StreamsRun run =
            StreamsRun.start(
                ClassificationTopology.build(
                    TopologySpec.of(config), pipeline.classifier(), TopologyMetrics.NONE),
                config);
        ImageFeed feed = new ImageFeed(broker.bootstrapServers(), images, true)) {
      // The group joins and transactions start before the paced load, or they would queue it.
      feed.sendAll(input, 0, STARTUP_IMAGES);
      reader.await(STARTUP_IMAGES, Duration.ofSeconds(120));
      feed.sendPaced(input, STARTUP_IMAGES, total, perSecond);
      reader.await(total, Duration.ofSeconds(60));
      long[] span = reader.arrivalSpan(warm, total);
      long[] sorted = reader.latencies(warm, total);
      double delivered =
          span == null || span[1] == span[0]
              ? 0
              : (sorted.length - 1) / ((span[1] - span[0]) / 1e9);
      return Latency.of(id, fraction, perSecond, delivered, measured, sorted);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted during " + id, e);
    }
  }

  private GnsConfig config(Variant variant, String input, String output) {
    broker.createTopics(settings.partitions(), output, output + "-dlq");
    Map<String, String> m = new HashMap<>();
    m.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    m.put(
        StreamsConfig.APPLICATION_ID_CONFIG,
        "bench-" + variant.id() + "-" + runs.incrementAndGet());
    m.put(
        StreamsConfig.PROCESSING_GUARANTEE_CONFIG,
        variant.exactlyOnce() ? StreamsConfig.EXACTLY_ONCE_V2 : StreamsConfig.AT_LEAST_ONCE);
    m.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, Integer.toString(settings.streamThreads()));
    m.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    m.put(GnsKeys.INPUT_TOPIC, input);
    m.put(GnsKeys.OUTPUT_TOPIC, output);
    m.put(GnsKeys.DLQ_TOPIC, output + "-dlq");
    m.put(GnsKeys.BATCH_MAX_SIZE, Integer.toString(variant.batch()));
    m.put(GnsKeys.BATCH_MAX_DELAY_MS, Long.toString(settings.batchDelayMs()));
    m.put(GnsKeys.MODEL_PATH, settings.model());
    m.put(GnsKeys.METRICS_ENABLED, "false");
    return GnsConfig.fromMap(m);
  }

  private static Duration timeout(int n, double expectedPerSecond) {
    double rate = Math.max(1, expectedPerSecond / 10);
    return Duration.ofSeconds(60 + (long) (n / rate));
  }

  /** A started streams instance, closed (and its local state wiped) on close. */
  private record StreamsRun(StreamsRunner runner, ServiceOps ops) implements AutoCloseable {
    static StreamsRun start(Topology topology, GnsConfig config) {
      ServiceOps ops = ServiceOps.create(config);
      StreamsRunner runner =
          new StreamsRunner(
              topology,
              config.streamsProperties(),
              "bench",
              config.inputTopic(),
              "input.topic",
              ops,
              java.util.Optional.empty());
      runner.start();
      return new StreamsRun(runner, ops);
    }

    @Override
    public void close() {
      if (runner.state() != org.apache.kafka.streams.KafkaStreams.State.NOT_RUNNING) {
        runner.close(Duration.ofSeconds(30), false);
        runner.cleanUp();
      }
      ops.close();
    }
  }
}
