package googlenet.streams.topology;

import googlenet.streams.config.RouteRule;

/** Names of the topology's nodes and store, as {@code Topology#describe()} shows them. */
public final class Nodes {
  /** Reads the input topic as raw bytes. */
  public static final String SOURCE = "images-source";

  /**
   * Optional admission processor between the source and {@link #CLASSIFY}: a backfill's offset
   * range and rate limit.
   */
  public static final String ADMIT = "admit";

  /** Deserialises, preprocesses, batches, runs inference and labels. */
  public static final String CLASSIFY = "classify";

  /** Writes classifications to the output topic. */
  public static final String OUTPUT_SINK = "classifications-sink";

  /** Writes rejected records to the dead-letter topic. */
  public static final String DLQ_SINK = "dead-letter-sink";

  /**
   * The changelogged key-value store of buffered input records, keyed by input offset. Its
   * changelog topic is {@code <application.id>-batch-buffer-changelog}.
   */
  public static final String BUFFER_STORE = "batch-buffer";

  private Nodes() {}

  /** The sink node of a routing rule: {@code route-<name>-sink}. */
  public static String route(RouteRule rule) {
    return "route-" + rule.name() + "-sink";
  }
}
