package googlenet.streams.config;

import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.StreamsConfig;

/** The Kafka Streams properties googlenet-streams sets unless the configuration does. */
final class StreamsDefaults {
  /** Default application id: the consumer group and the prefix of internal topics. */
  static final String APPLICATION_ID = "googlenet-streams";

  /** Kafka keys with a googlenet-streams default. */
  static final Map<String, String> DEFAULTS =
      Map.of(
          StreamsConfig.APPLICATION_ID_CONFIG,
          APPLICATION_ID,
          StreamsConfig.PROCESSING_GUARANTEE_CONFIG,
          StreamsConfig.EXACTLY_ONCE_V2);

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
                + "Give a backfill its own."),
        new KeyDoc(
            StreamsConfig.PROCESSING_GUARANTEE_CONFIG,
            "KAFKA_PROCESSING_GUARANTEE",
            StreamsConfig.EXACTLY_ONCE_V2,
            "exactly_once_v2 (no loss, no duplicate for read_committed consumers) or "
                + "at_least_once (faster commits, duplicates possible after a crash)."),
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
