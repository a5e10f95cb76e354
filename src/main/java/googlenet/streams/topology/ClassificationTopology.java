package googlenet.streams.topology;

import googlenet.streams.config.GnsConfig;
import googlenet.streams.config.RouteRule;
import googlenet.streams.inference.InferenceEngine;
import googlenet.streams.ops.PipelineMetrics;
import java.util.Map;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The Kafka Streams topology of googlenet-streams, a pure factory: nothing is started or connected
 * here, so the service and the tests drive the same topology.
 *
 * <pre>
 * images-source (input.topic, raw bytes)
 *   -> classify [batch-buffer store when batch.max.size > 1]
 *        -> classifications-sink (output.topic)
 *        -> route-&lt;name&gt;-sink   (route.&lt;name&gt;.topic), one per routing rule
 *        -> dead-letter-sink     (dlq.topic)
 * </pre>
 *
 * <p>The source reads raw bytes and the processor deserialises, so a record that is not an {@code
 * ImageRecord} still has its original bytes at hand for the dead-letter topic.
 */
public final class ClassificationTopology {
  private ClassificationTopology() {}

  /**
   * The topology for {@code config} around an open engine, with the labels and preprocessor the
   * configuration names (see {@link Pipeline#from}).
   */
  public static Topology build(GnsConfig config, InferenceEngine engine) {
    return build(config, Pipeline.from(config, engine));
  }

  /** As {@link #build(GnsConfig, InferenceEngine)}, reporting to {@code metrics}. */
  public static Topology build(GnsConfig config, InferenceEngine engine, PipelineMetrics metrics) {
    return build(config, Pipeline.from(config, engine, metrics));
  }

  /** The topology for {@code config} running the given stages. */
  public static Topology build(GnsConfig config, Pipeline pipeline) {
    return build(config, pipeline, null);
  }

  /**
   * The topology for {@code config} running the given stages, with an admission processor between
   * the source and the classify processor: it forwards the raw records that should be classified
   * (possibly with headers added) and drops the others. A backfill uses it to keep to its offset
   * range and rate; the live service has none.
   *
   * @param admission supplies the {@link Nodes#ADMIT} processor, or null for none
   */
  public static Topology build(
      GnsConfig config,
      Pipeline pipeline,
      ProcessorSupplier<byte[], byte[], byte[], byte[]> admission) {
    pipeline.metrics().deadLetterReasons(DeadLetterHeaders.reasons());
    Topology topology = new Topology();
    topology.addSource(
        Nodes.SOURCE,
        new ByteArrayDeserializer(),
        new ByteArrayDeserializer(),
        config.inputTopic());
    String parent = Nodes.SOURCE;
    if (admission != null) {
      topology.addProcessor(Nodes.ADMIT, admission, Nodes.SOURCE);
      parent = Nodes.ADMIT;
    }
    topology.addProcessor(Nodes.CLASSIFY, () -> new ClassifyProcessor(config, pipeline), parent);
    if (config.batchMaxSize() > 1) {
      topology.addStateStore(bufferStore(config), Nodes.CLASSIFY);
    }
    ByteArraySerializer bytes = new ByteArraySerializer();
    topology.addSink(Nodes.OUTPUT_SINK, config.outputTopic(), bytes, bytes, Nodes.CLASSIFY);
    topology.addSink(Nodes.DLQ_SINK, config.dlqTopic(), bytes, bytes, Nodes.CLASSIFY);
    for (RouteRule rule : config.routes()) {
      topology.addSink(Nodes.route(rule), rule.topic(), bytes, bytes, Nodes.CLASSIFY);
    }
    return topology;
  }

  /**
   * The batch buffer: in memory and changelogged. The changelog makes it durable: a task that moves
   * or whose instance crashed restores its buffer from the changelog, so under exactly-once nothing
   * is lost or duplicated. It is not a RocksDB store because exactly-once commits every 100 ms and
   * each commit flushed RocksDB's memtable to a new file, which the {@code bench} command measured
   * as the largest cost of the buffer; the buffer holds about one batch per task, so memory is not
   * a concern. Cached: records buffered and emitted within one commit interval never reach the
   * changelog. With {@code batch.buffer.logged=false}, no changelog: not crash-safe, for measuring
   * what durability costs.
   */
  private static StoreBuilder<KeyValueStore<Long, PendingRecord>> bufferStore(GnsConfig config) {
    StoreBuilder<KeyValueStore<Long, PendingRecord>> store =
        Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore(Nodes.BUFFER_STORE),
                Serdes.Long(),
                new PendingRecordSerde())
            .withCachingEnabled();
    if (!config.batchBufferLogged()) {
      return store.withLoggingDisabled();
    }
    long maxMessage = Math.min(Integer.MAX_VALUE, config.imageLimits().maxBytes() + 64L * 1024);
    return store.withLoggingEnabled(
        Map.of(
            "max.message.bytes", Long.toString(maxMessage),
            "segment.bytes", Long.toString(Math.max(64L << 20, maxMessage))));
  }
}
