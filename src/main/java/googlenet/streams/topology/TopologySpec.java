package googlenet.streams.topology;

import googlenet.streams.config.GnsConfig;
import googlenet.streams.config.RouteRule;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;

/**
 * Everything {@link ClassificationTopology#build} needs besides the classifier: topics, routes, the
 * batch buffer and size bounds, and an optional admission processor.
 *
 * @param inputTopic topic of the {@code ImageRecord}s
 * @param outputTopic topic every classification goes to
 * @param dlqTopic dead-letter topic
 * @param routes routing rules, each copying matching results to its topic
 * @param maxInFlight images a task has handed to the classifier and not yet written, at most; the
 *     stream thread waits for the oldest beyond it
 * @param bufferLogged whether the buffer of in-flight offsets is changelogged: always for the
 *     service (crash-safe); false only to measure what durability costs
 * @param deadLetterMaxBytes largest record the producer sends; a dead letter over it is written
 *     without its value
 * @param admission supplies a processor between the source and the classifier that forwards the
 *     records to classify and drops the others (a backfill's range and rate), or empty
 * @param fetcher reads back the input records a restored buffer names by offset
 */
public record TopologySpec(
    String inputTopic,
    String outputTopic,
    String dlqTopic,
    List<RouteRule> routes,
    int maxInFlight,
    boolean bufferLogged,
    int deadLetterMaxBytes,
    Optional<ProcessorSupplier<byte[], byte[], byte[], byte[]>> admission,
    RecordFetcher fetcher) {

  /**
   * In-flight images per task, as a multiple of {@code batch.max.size}: a task keeps the next batch
   * queued while one runs.
   */
  static final int IN_FLIGHT_BATCHES = 2;

  /** Validates and copies. */
  public TopologySpec {
    Objects.requireNonNull(inputTopic, "inputTopic");
    Objects.requireNonNull(outputTopic, "outputTopic");
    Objects.requireNonNull(dlqTopic, "dlqTopic");
    Objects.requireNonNull(admission, "admission");
    Objects.requireNonNull(fetcher, "fetcher");
    routes = List.copyOf(routes);
    if (maxInFlight < 1) {
      throw new IllegalArgumentException("maxInFlight must be >= 1, got " + maxInFlight);
    }
  }

  /**
   * The service's topology as {@code config} describes it: durable buffer, no admission, restored
   * records read back with the application's own client settings.
   */
  public static TopologySpec of(GnsConfig config) {
    StreamsConfig streams = new StreamsConfig(config.streamsProperties());
    String clientId = streams.getString(StreamsConfig.APPLICATION_ID_CONFIG) + "-buffer-restore";
    return new TopologySpec(
        config.inputTopic(),
        config.outputTopic(),
        config.dlqTopic(),
        config.routes(),
        IN_FLIGHT_BATCHES * config.batchMaxSize(),
        true,
        config.producerMaxRequestBytes(),
        Optional.empty(),
        new KafkaRecordFetcher(streams.getRestoreConsumerConfigs(clientId)));
  }

  /** A copy with an admission processor. */
  public TopologySpec withAdmission(ProcessorSupplier<byte[], byte[], byte[], byte[]> supplier) {
    return new TopologySpec(
        inputTopic,
        outputTopic,
        dlqTopic,
        routes,
        maxInFlight,
        bufferLogged,
        deadLetterMaxBytes,
        Optional.of(supplier),
        fetcher);
  }

  /** A copy that reads restored records back with {@code other}. */
  public TopologySpec withFetcher(RecordFetcher other) {
    return new TopologySpec(
        inputTopic,
        outputTopic,
        dlqTopic,
        routes,
        maxInFlight,
        bufferLogged,
        deadLetterMaxBytes,
        admission,
        other);
  }

  /** A copy whose buffer has no changelog: not crash-safe; for measuring durability's cost. */
  public TopologySpec withoutBufferChangelog() {
    return new TopologySpec(
        inputTopic,
        outputTopic,
        dlqTopic,
        routes,
        maxInFlight,
        false,
        deadLetterMaxBytes,
        admission,
        fetcher);
  }
}
