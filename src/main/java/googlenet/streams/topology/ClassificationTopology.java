package googlenet.streams.topology;

import googlenet.streams.config.RouteRule;
import googlenet.streams.inference.Classifier;
import java.util.Map;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The Kafka Streams topology of googlenet-streams, a pure factory: nothing is started or connected
 * here, so the service and the tests drive the same topology.
 *
 * <pre>
 * images-source (input.topic, raw bytes)
 *   [-> admit (a backfill's range and rate)]
 *   -> classify [batch-buffer store]
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
   * The topology {@code spec} describes, classifying with {@code classifier} (shared by every task)
   * and reporting to {@code metrics}.
   */
  public static Topology build(TopologySpec spec, Classifier classifier, TopologyMetrics metrics) {
    metrics.deadLetterReasons(DeadLetterHeaders.reasons());
    Topology topology = new Topology();
    topology.addSource(
        Nodes.SOURCE, new ByteArrayDeserializer(), new ByteArrayDeserializer(), spec.inputTopic());
    String parent = Nodes.SOURCE;
    if (spec.admission().isPresent()) {
      topology.addProcessor(Nodes.ADMIT, spec.admission().get(), Nodes.SOURCE);
      parent = Nodes.ADMIT;
    }
    topology.addProcessor(
        Nodes.CLASSIFY, () -> new ClassifyProcessor(spec, classifier, metrics), parent);
    topology.addStateStore(bufferStore(spec), Nodes.CLASSIFY);
    ByteArraySerializer bytes = new ByteArraySerializer();
    topology.addSink(Nodes.OUTPUT_SINK, spec.outputTopic(), bytes, bytes, Nodes.CLASSIFY);
    topology.addSink(Nodes.DLQ_SINK, spec.dlqTopic(), bytes, bytes, Nodes.CLASSIFY);
    for (RouteRule rule : spec.routes()) {
      topology.addSink(Nodes.route(rule), rule.topic(), bytes, bytes, Nodes.CLASSIFY);
    }
    return topology;
  }

  /**
   * The buffer of in-flight records: their offsets, in memory and changelogged (the records
   * themselves are in the input topic, and a restored task reads them back). The changelog makes it
   * durable: a task that moves or whose instance crashed restores its offsets from the changelog
   * and classifies those records again, so under exactly-once nothing is lost or duplicated. Not a
   * RocksDB store: exactly-once commits every 100 ms and each commit flushed RocksDB's memtable to
   * a new file. Cached: records buffered and written within one commit interval never reach the
   * changelog.
   */
  private static StoreBuilder<KeyValueStore<Long, byte[]>> bufferStore(TopologySpec spec) {
    StoreBuilder<KeyValueStore<Long, byte[]>> store =
        Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore(Nodes.BUFFER_STORE), Serdes.Long(), Serdes.ByteArray())
            .withCachingEnabled();
    return spec.bufferLogged() ? store.withLoggingEnabled(Map.of()) : store.withLoggingDisabled();
  }
}
