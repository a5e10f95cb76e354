package googlenet.streams.config;

import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.StreamsConfig;

/** The Kafka Streams properties googlenet-streams sets unless the configuration does. */
final class StreamsDefaults {
  /** Default application id: the consumer group and the prefix of internal topics. */
  static final String APPLICATION_ID = "googlenet-streams";

  /**
   * Default stream threads: two, so one thread decodes, commits and waits on the broker while the
   * other runs the engine. The {@code bench} command measured one thread leaving the cores idle
   * during the Kafka work between batches (see docs/performance.md).
   */
  static final String STREAM_THREADS = "2";

  /**
   * Kafka Streams 4.4 warns at every start unless the processing exception handler also covers
   * global stores; this topology has none, and 5.0 makes it the default.
   */
  static final String GLOBAL_HANDLER = "processing.exception.handler.global.enabled";

  /** Kafka keys with a googlenet-streams default. */
  static final Map<String, String> DEFAULTS =
      Map.of(
          StreamsConfig.APPLICATION_ID_CONFIG,
          APPLICATION_ID,
          StreamsConfig.PROCESSING_GUARANTEE_CONFIG,
          StreamsConfig.EXACTLY_ONCE_V2,
          StreamsConfig.NUM_STREAM_THREADS_CONFIG,
          STREAM_THREADS,
          GLOBAL_HANDLER,
          "true");

  private StreamsDefaults() {}

  static List<KeyDoc> docs() {
    return List.of(
        new KeyDoc(
            StreamsConfig.BOOTSTRAP_SERVERS_CONFIG,
            "KAFKA_BOOTSTRAP_SERVERS",
            "",
            "Kafka brokers, host:port[,host:port]; required to run."),
        new KeyDoc(
            StreamsConfig.APPLICATION_ID_CONFIG,
            "KAFKA_APPLICATION_ID",
            APPLICATION_ID,
            "Kafka Streams application id: consumer group and prefix of the internal topics. "
                + "A backfill derives its own from its --name."),
        new KeyDoc(
            StreamsConfig.PROCESSING_GUARANTEE_CONFIG,
            "KAFKA_PROCESSING_GUARANTEE",
            StreamsConfig.EXACTLY_ONCE_V2,
            "exactly_once_v2 (no loss, no duplicate for read_committed consumers) or "
                + "at_least_once (faster commits, duplicates possible after a crash)."),
        new KeyDoc(
            StreamsConfig.NUM_STREAM_THREADS_CONFIG,
            "KAFKA_NUM_STREAM_THREADS",
            STREAM_THREADS,
            "Kafka Streams threads, each running its own tasks (input partitions) and batches "
                + "against the one shared engine: with two, decoding and Kafka commits overlap "
                + "inference. Useful up to the input topic's partition count."),
        new KeyDoc(
            "<any other key>",
            "KAFKA_<KEY>",
            "",
            "Every key that is not a googlenet-streams key passes to Kafka Streams and its "
                + "clients (e.g. num.stream.threads, commit.interval.ms, state.dir, "
                + "security.protocol, producer.max.request.size). KAFKA_ variables map by "
                + "lower-casing and turning _ into ."));
  }
}
