package googlenet.streams.topology;

import googlenet.streams.config.GnsConfig;
import googlenet.streams.config.RouteRule;
import googlenet.streams.serde.RecordSerdes;
import googlenet.streams.serde.RegistryListener;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
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
 * @param resultCommitInterval under exactly-once, the least time between two commits a task
 *     requests after writing results; zero requests none (at-least-once, a backfill)
 * @param deadLetterMaxBytes largest record the producer sends; a dead letter over it is written
 *     without its value
 * @param admission supplies a processor between the source and the classifier that forwards the
 *     records to classify and drops the others (a backfill's range and rate), or empty
 * @param fetcher reads back the input records a restored buffer names by offset
 * @param serdes reads the input's framing (single-object or registry) and writes results in the
 *     configured output format
 * @param shadow where the shadow candidate's labels go and which share of the images it sees, or
 *     empty without a shadow
 */
public record TopologySpec(
    String inputTopic,
    String outputTopic,
    String dlqTopic,
    List<RouteRule> routes,
    int maxInFlight,
    boolean bufferLogged,
    Duration resultCommitInterval,
    int deadLetterMaxBytes,
    Optional<ProcessorSupplier<byte[], byte[], byte[], byte[]>> admission,
    RecordFetcher fetcher,
    RecordSerdes serdes,
    Optional<Shadow> shadow) {

  /**
   * The shadow candidate's output and sampling.
   *
   * @param output writes the candidate's labels
   * @param fraction share of the images, by input position, in [0, 1]
   */
  public record Shadow(ShadowOutput output, double fraction) {
    /** True when the record at this position is also run through the candidate. */
    boolean samples(int partition, long offset) {
      if (fraction >= 1) {
        return true;
      }
      long h = (partition * 0x9E3779B97F4A7C15L) ^ (offset * 0xC2B2AE3D27D4EB4FL);
      h ^= h >>> 33;
      h *= 0xFF51AFD7ED558CCDL;
      h ^= h >>> 33;
      return (h >>> 11) * 0x1.0p-53 < fraction;
    }
  }

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
    Objects.requireNonNull(serdes, "serdes");
    Objects.requireNonNull(shadow, "shadow");
    Objects.requireNonNull(resultCommitInterval, "resultCommitInterval");
    routes = List.copyOf(routes);
    if (maxInFlight < 1) {
      throw new IllegalArgumentException("maxInFlight must be >= 1, got " + maxInFlight);
    }
  }

  /**
   * The service's topology as {@code config} describes it, reading and writing with a registry
   * client of its own that reports to nobody: for tests and tools. The service shares one {@link
   * RecordSerdes} with its metrics ({@link #of(GnsConfig, RecordSerdes)}).
   */
  public static TopologySpec of(GnsConfig config) {
    return of(config, RecordSerdes.create(config.serdeSettings(), RegistryListener.NONE));
  }

  /**
   * The service's topology as {@code config} describes it: durable buffer, no admission, restored
   * records read back with the application's own client settings, records read and written with
   * {@code serdes}.
   */
  public static TopologySpec of(GnsConfig config, RecordSerdes serdes) {
    StreamsConfig streams = new StreamsConfig(config.streamsProperties());
    String clientId = streams.getString(StreamsConfig.APPLICATION_ID_CONFIG) + "-buffer-restore";
    return new TopologySpec(
        config.inputTopic(),
        config.outputTopic(),
        config.dlqTopic(),
        config.routes(),
        IN_FLIGHT_BATCHES * config.batchMaxSize(),
        true,
        config.resultCommitInterval(),
        config.producerMaxRequestBytes(),
        Optional.empty(),
        new KafkaRecordFetcher(streams.getRestoreConsumerConfigs(clientId)),
        serdes,
        Optional.empty());
  }

  /** A copy with an admission processor. */
  public TopologySpec withAdmission(ProcessorSupplier<byte[], byte[], byte[], byte[]> supplier) {
    return copy(d -> d.admission = Optional.of(supplier));
  }

  /** A copy whose images ({@code fraction} of them) also run through the shadow candidate. */
  public TopologySpec withShadow(ShadowOutput output, double fraction) {
    return copy(d -> d.shadow = Optional.of(new Shadow(output, fraction)));
  }

  /** A copy that reads restored records back with {@code other}. */
  public TopologySpec withFetcher(RecordFetcher other) {
    return copy(d -> d.fetcher = other);
  }

  /** A copy whose buffer has no changelog: not crash-safe; for measuring durability's cost. */
  public TopologySpec withoutBufferChangelog() {
    return copy(d -> d.bufferLogged = false);
  }

  /**
   * A copy whose tasks never ask for a commit after writing results: commits follow {@code
   * commit.interval.ms} alone (a backfill, whose results are counted at its commits).
   */
  public TopologySpec withoutResultCommits() {
    return copy(d -> d.resultCommitInterval = Duration.ZERO);
  }

  private TopologySpec copy(Consumer<Draft> change) {
    Draft draft = new Draft(this);
    change.accept(draft);
    return draft.build();
  }

  /** The parts a copy may change, the rest taken from the spec it copies. */
  private static final class Draft {
    private final TopologySpec from;
    boolean bufferLogged;
    Duration resultCommitInterval;
    Optional<ProcessorSupplier<byte[], byte[], byte[], byte[]>> admission;
    RecordFetcher fetcher;
    Optional<Shadow> shadow;

    Draft(TopologySpec from) {
      this.from = from;
      this.bufferLogged = from.bufferLogged;
      this.resultCommitInterval = from.resultCommitInterval;
      this.admission = from.admission;
      this.fetcher = from.fetcher;
      this.shadow = from.shadow;
    }

    TopologySpec build() {
      return new TopologySpec(
          from.inputTopic,
          from.outputTopic,
          from.dlqTopic,
          from.routes,
          from.maxInFlight,
          bufferLogged,
          resultCommitInterval,
          from.deadLetterMaxBytes,
          admission,
          fetcher,
          from.serdes,
          shadow);
    }
  }
}
