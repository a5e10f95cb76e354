package googlenet.streams.tools.demo;

import googlenet.streams.avro.ImageRecord;
import googlenet.streams.serde.RecordWriter;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Publishes sample inputs, keyed by id, and waits until the broker has them all. */
public final class SampleProducer {
  private SampleProducer() {}

  /**
   * Sends every input to {@code topic} and waits for each acknowledgement.
   *
   * @throws IllegalStateException when a send fails or takes over 60 s
   */
  public static void send(
      String bootstrapServers,
      String topic,
      List<SampleInput> inputs,
      RecordWriter<ImageRecord> writer) {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
    props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, String.valueOf(16 * 1024 * 1024));
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
      List<Future<RecordMetadata>> sends =
          inputs.stream()
              .map(
                  in ->
                      producer.send(
                          new ProducerRecord<>(
                              topic, in.id(), in.value(record -> writer.write(topic, record)))))
              .toList();
      for (Future<RecordMetadata> send : sends) {
        send.get(60, TimeUnit.SECONDS);
      }
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("could not publish the sample images: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted publishing the sample images", e);
    }
  }
}
