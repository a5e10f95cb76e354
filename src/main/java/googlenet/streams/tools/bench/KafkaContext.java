package googlenet.streams.tools.bench;

import googlenet.streams.config.GnsConfig;
import googlenet.streams.config.GnsKeys;
import googlenet.streams.inference.InferenceEngine;
import googlenet.streams.inference.SchedulerMetrics;
import googlenet.streams.service.Pipeline;
import googlenet.streams.service.StartupException;
import googlenet.streams.tools.broker.EmbeddedKafkaBroker;
import googlenet.streams.topology.ClassificationTopology;
import googlenet.streams.topology.TopologyMetrics;
import googlenet.streams.topology.TopologySpec;
import java.nio.file.Path;
import java.util.Map;
import org.apache.kafka.streams.StreamsConfig;

/**
 * What the stages on the in-JVM broker share: the broker, the one engine, the images, the settings
 * and a state directory. Every run writes a topic of its own, which also names its application.
 *
 * @param broker the in-JVM broker
 * @param engine the engine every stage runs
 * @param images the pool of JPEGs
 * @param settings the run's settings
 * @param stateDir Kafka Streams state directory
 */
record KafkaContext(
    EmbeddedKafkaBroker broker,
    InferenceEngine engine,
    BenchImages images,
    BenchSettings settings,
    Path stateDir) {

  /**
   * The service's configuration for {@code variant} from {@code input} to {@code output} (created
   * here with its dead-letter topic), application id {@link #group}.
   */
  GnsConfig config(Variant variant, String input, String output) {
    broker.createTopics(settings.partitions(), output, output + "-dlq");
    Map<String, String> m = settings.classifierKeys(variant.batch());
    m.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    m.put(StreamsConfig.APPLICATION_ID_CONFIG, group(output));
    m.put(
        StreamsConfig.PROCESSING_GUARANTEE_CONFIG,
        variant.exactlyOnce() ? StreamsConfig.EXACTLY_ONCE_V2 : StreamsConfig.AT_LEAST_ONCE);
    m.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, Integer.toString(settings.streamThreads()));
    m.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    m.put(GnsKeys.INPUT_TOPIC, input);
    m.put(GnsKeys.OUTPUT_TOPIC, output);
    m.put(GnsKeys.DLQ_TOPIC, output + "-dlq");
    m.put(GnsKeys.METRICS_ENABLED, "false");
    return GnsConfig.fromMap(m);
  }

  /** The same broker, images, settings and state directory around another engine. */
  KafkaContext with(InferenceEngine other) {
    return new KafkaContext(broker, other, images, settings, stateDir);
  }

  /** The application id, and so the consumer group, of the run that writes {@code output}. */
  static String group(String output) {
    return "bench-" + output;
  }

  /**
   * The service's topology as {@code config} describes it on {@code pipeline}'s classifier,
   * started.
   */
  StreamsRun startDefault(GnsConfig config, Pipeline pipeline, int images) {
    return StreamsRun.start(
        ClassificationTopology.build(
            TopologySpec.of(config), pipeline.classifier(), TopologyMetrics.NONE),
        config,
        broker.logDirectory(),
        images);
  }

  /** A classifier as {@code config} sets it up, on the shared engine. */
  Pipeline pipeline(GnsConfig config, SchedulerMetrics metrics) {
    try {
      return Pipeline.around(engine, config, metrics);
    } catch (StartupException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }
}
