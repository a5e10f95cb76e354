package googlenet.streams.config;

import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.producer.ProducerConfig;
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

  /**
   * How long a task retries a timed-out client call before its thread fails (and is replaced, as
   * every transient failure is): a minute instead of Kafka Streams' five, so a stuck task shows up
   * in the log and in {@code gns_stream_threads_replaced_total} while the outage is still news.
   */
  static final String TASK_TIMEOUT_MS = "60000";

  /**
   * The client timeouts, written out so they are a choice and not an accident (all equal to the
   * Kafka 4.4 client defaults): a request answers within 30 s or is retried on another connection;
   * a producer call (metadata for a send, a transaction step) blocks at most 60 s; a record is
   * delivered within 120 s or its send fails; a consumer or admin call blocks at most 60 s. When
   * one expires the thread's tasks retry up to {@link #TASK_TIMEOUT_MS}, then the thread is
   * replaced; none of them stops the service. docs/operations.md explains the choice.
   */
  static final String REQUEST_TIMEOUT_MS = "30000";

  /** See {@link #REQUEST_TIMEOUT_MS}. */
  static final String MAX_BLOCK_MS = "60000";

  /** See {@link #REQUEST_TIMEOUT_MS}. */
  static final String DELIVERY_TIMEOUT_MS = "120000";

  /** See {@link #REQUEST_TIMEOUT_MS}. */
  static final String API_TIMEOUT_MS = "60000";

  /**
   * Commit interval under exactly-once: a second instead of Kafka Streams' 100 ms, because a task
   * asks for a commit itself right after it writes results ({@code result.commit.interval.ms}), so
   * the interval only commits input that is still being classified. At-least-once keeps Kafka
   * Streams' default. What it changed is latency, not CPU: docs/performance.md, "Commits after
   * results".
   */
  static final String EXACTLY_ONCE_COMMIT_INTERVAL_MS = "1000";

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
          "true",
          StreamsConfig.TASK_TIMEOUT_MS_CONFIG,
          TASK_TIMEOUT_MS,
          CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG,
          REQUEST_TIMEOUT_MS,
          ProducerConfig.MAX_BLOCK_MS_CONFIG,
          MAX_BLOCK_MS,
          ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
          DELIVERY_TIMEOUT_MS,
          CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG,
          API_TIMEOUT_MS);

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
            StreamsConfig.COMMIT_INTERVAL_MS_CONFIG,
            "KAFKA_COMMIT_INTERVAL_MS",
            EXACTLY_ONCE_COMMIT_INTERVAL_MS + " (exactly-once)",
            "How often a stream thread commits whatever it has processed. Under exactly-once a "
                + "task also asks for a commit after writing results (result.commit.interval.ms), "
                + "so this only bounds how long consumed input waits; under at_least_once Kafka "
                + "Streams' default (30000)."),
        new KeyDoc(
            StreamsConfig.NUM_STREAM_THREADS_CONFIG,
            "KAFKA_NUM_STREAM_THREADS",
            STREAM_THREADS,
            "Kafka Streams threads, each running its own tasks (input partitions) and batches "
                + "against the one shared engine: with two, decoding and Kafka commits overlap "
                + "inference. Useful up to the input topic's partition count."),
        new KeyDoc(
            StreamsConfig.TASK_TIMEOUT_MS_CONFIG,
            "KAFKA_TASK_TIMEOUT_MS",
            TASK_TIMEOUT_MS,
            "How long a task retries a timed-out Kafka call before its stream thread fails; the "
                + "thread is then replaced (never a stop). See docs/operations.md, Broker outages."),
        new KeyDoc(
            CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG,
            "KAFKA_REQUEST_TIMEOUT_MS",
            REQUEST_TIMEOUT_MS,
            "Kafka clients: longest wait for one broker request (consumer, producer, admin)."),
        new KeyDoc(
            ProducerConfig.MAX_BLOCK_MS_CONFIG,
            "KAFKA_MAX_BLOCK_MS",
            MAX_BLOCK_MS,
            "Producer: longest block of a send (topic metadata, buffer) or a transaction step."),
        new KeyDoc(
            ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
            "KAFKA_DELIVERY_TIMEOUT_MS",
            DELIVERY_TIMEOUT_MS,
            "Producer: a record not acknowledged within this fails its send (and the transaction)."),
        new KeyDoc(
            CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG,
            "KAFKA_DEFAULT_API_TIMEOUT_MS",
            API_TIMEOUT_MS,
            "Consumer and admin: longest block of a call without its own timeout."),
        new KeyDoc(
            "<any other key>",
            "KAFKA_<KEY>",
            "",
            "Every key that is not a googlenet-streams key passes to Kafka Streams and its "
                + "clients (e.g. state.dir, "
                + "security.protocol, producer.max.request.size). KAFKA_ variables map by "
                + "lower-casing and turning _ into ."));
  }
}
