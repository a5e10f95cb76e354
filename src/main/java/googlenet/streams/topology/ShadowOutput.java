package googlenet.streams.topology;

import googlenet.streams.avro.Classification;
import googlenet.streams.avro.ImageRecord;
import googlenet.streams.config.GnsConfig;
import googlenet.streams.inference.ClassifyResult.Labelled;
import googlenet.streams.serde.RecordSerdes;
import googlenet.streams.serde.RecordWriter;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the shadow candidate's classifications to the shadow topic, keyed like the live results
 * and stamped with the candidate's name, version and SHA-256, with a producer of its own outside
 * the stream threads' transactions: at-least-once, so a crash can repeat a shadow result, and the
 * live output never waits for it. Thread-safe.
 */
public final class ShadowOutput implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ShadowOutput.class);

  private final KafkaProducer<byte[], byte[]> producer;
  private final RecordWriter<Classification> writer;
  private final String topic;
  private final TopologyMetrics metrics;

  private ShadowOutput(
      KafkaProducer<byte[], byte[]> producer,
      RecordWriter<Classification> writer,
      String topic,
      TopologyMetrics metrics) {
    this.producer = producer;
    this.writer = writer;
    this.topic = topic;
    this.metrics = metrics;
  }

  /** A writer to {@code shadow.topic} with the application's client settings (security too). */
  public static ShadowOutput create(
      GnsConfig config, RecordSerdes serdes, TopologyMetrics metrics) {
    StreamsConfig streams = new StreamsConfig(config.streamsProperties());
    String clientId = streams.getString(StreamsConfig.APPLICATION_ID_CONFIG) + "-shadow";
    Map<String, Object> props = new HashMap<>(streams.getProducerConfigs(clientId));
    props.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    return new ShadowOutput(producer, serdes.classificationWriter(), config.shadowTopic(), metrics);
  }

  /** Sends the candidate's classification of the image read at {@code pending}'s position. */
  void send(PendingRecord pending, ImageRecord image, Labelled candidate) {
    long now = System.currentTimeMillis();
    byte[] value = writer.write(topic, Classifications.of(image, pending, candidate, now));
    ProducerRecord<byte[], byte[]> record =
        new ProducerRecord<>(
            topic,
            null,
            pending.timestamp(),
            pending.key(),
            value,
            Outputs.modelHeaders(pending, candidate.model()));
    producer.send(
        record,
        (meta, error) -> {
          if (error == null) {
            metrics.shadowWritten();
          } else {
            metrics.shadowSkipped("send-failed");
            LOG.warn("shadow result of {} not written: {}", pending.position(), error.toString());
          }
        });
  }

  /** Sends what is pending and closes the producer. */
  @Override
  public void close() {
    producer.close();
  }
}
