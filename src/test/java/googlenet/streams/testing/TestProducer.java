package googlenet.streams.testing;

import googlenet.streams.serde.AvroSerde;
import googlenet.streams.tools.demo.SampleInput;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Sends test inputs keyed by id and remembers the exact value bytes sent. */
public final class TestProducer implements AutoCloseable {
  private final KafkaProducer<String, byte[]> producer;
  private final String topic;
  private final Map<String, byte[]> sent = new LinkedHashMap<>();

  /** A producer to {@code topic}. */
  public TestProducer(String bootstrapServers, String topic) {
    this.topic = topic;
    this.producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.LINGER_MS_CONFIG,
                5),
            new StringSerializer(),
            new ByteArraySerializer());
  }

  /** Sends the inputs (ImageRecords unless raw) and waits for every acknowledgement. */
  public void send(List<SampleInput> inputs) throws Exception {
    AvroSerde<googlenet.streams.avro.ImageRecord> serde = AvroSerde.imageRecord();
    List<Future<RecordMetadata>> acks =
        inputs.stream()
            .map(
                in -> {
                  byte[] value = in.value(serde::encode);
                  sent.put(in.id(), value);
                  return producer.send(new ProducerRecord<>(topic, in.id(), value));
                })
            .toList();
    for (Future<RecordMetadata> ack : acks) {
      ack.get(60, TimeUnit.SECONDS);
    }
  }

  /** The value bytes sent for each id. */
  public Map<String, byte[]> sent() {
    return Map.copyOf(sent);
  }

  @Override
  public void close() {
    producer.close();
  }
}
