package googlenet.streams.ops;

import static org.assertj.core.api.Assertions.assertThat;

import googlenet.streams.avro.ImageRecord;
import googlenet.streams.config.GnsConfig;
import googlenet.streams.serde.AvroSerde;
import googlenet.streams.service.ClassificationService;
import googlenet.streams.testing.CommittedReader;
import googlenet.streams.testing.TestModels;
import googlenet.streams.tools.broker.EmbeddedKafkaBroker;
import googlenet.streams.topology.DeadLetterHeaders;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Records the input topic accepted but the service cannot copy to the dead-letter topic do not stop
 * it. Input topic and DLQ accept 3 MiB; image.max.bytes is 1 MiB, so the producer takes 2 MiB
 * requests: a 1.5 MiB record goes to the DLQ byte-identical as too-large; a 2 MiB one goes without
 * its value, with a header giving its size; the service keeps running.
 */
class OversizeRecordIT {
  private static final int TOPIC_MAX = 3 * 1024 * 1024;
  @TempDir static Path dir;
  private static EmbeddedKafkaBroker broker;

  @BeforeAll
  static void startBroker() {
    broker = EmbeddedKafkaBroker.start();
    Map<String, String> big = Map.of("max.message.bytes", Integer.toString(TOPIC_MAX));
    broker.createTopics(
        List.of(
            new NewTopic("images", 1, (short) 1).configs(big),
            new NewTopic("images.dlq", 1, (short) 1).configs(big),
            new NewTopic("classifications", 1, (short) 1)));
  }

  @AfterAll
  static void stopBroker() {
    if (broker != null) {
      broker.close();
    }
  }

  @Test
  void shouldDeadLetterOversizedRecordsAndKeepRunning() throws Exception {
    byte[] large = value("large", 1536 * 1024);
    byte[] huge = value("huge", 2 * 1024 * 1024);
    produce(large, huge);

    try (ClassificationService service = ClassificationService.create(config())) {
      service.start();
      List<ConsumerRecord<String, byte[]>> dead = read("images.dlq", 2);

      assertThat(dead.get(0).value()).isEqualTo(large);
      assertThat(dead.get(0).headers().lastHeader(DeadLetterHeaders.VALUE_DROPPED)).isNull();
      assertThat(dead.get(1).value()).isEmpty();
      assertThat(header(dead.get(1), DeadLetterHeaders.VALUE_DROPPED))
          .isEqualTo(Integer.toString(huge.length));
      for (ConsumerRecord<String, byte[]> record : dead) {
        assertThat(header(record, DeadLetterHeaders.REASON)).isEqualTo("too-large");
        assertThat(header(record, DeadLetterHeaders.MESSAGE))
            .contains("above the limit of 1048576 (image.max.bytes)");
      }
      assertThat(header(dead.get(1), DeadLetterHeaders.SOURCE_OFFSET)).isEqualTo("1");
      assertThat(service.failureMessage()).isEmpty();
      assertThat(service.state().isRunningOrRebalancing()).isTrue();
    }
  }

  private static byte[] value(String id, int imageBytes) {
    byte[] image = new byte[imageBytes];
    new Random(7).nextBytes(image);
    return AvroSerde.imageRecord()
        .encode(ImageRecord.newBuilder().setId(id).setImage(ByteBuffer.wrap(image)).build());
  }

  private static GnsConfig config() {
    Map<String, String> props = new HashMap<>();
    props.put("bootstrap.servers", broker.bootstrapServers());
    props.put("application.id", "gns-oversize");
    props.put("state.dir", dir.resolve("state").toString());
    props.put("model.path", TestModels.small().toString());
    props.put("image.max.bytes", "1048576");
    props.put("batch.max.size", "1");
    props.put("metrics.port", "0");
    return GnsConfig.fromMap(props);
  }

  private static void produce(byte[]... values) throws Exception {
    Map<String, Object> props = new HashMap<>();
    props.put("bootstrap.servers", broker.bootstrapServers());
    props.put("max.request.size", TOPIC_MAX);
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
      for (byte[] value : values) {
        producer.send(new ProducerRecord<>("images", value)).get(30, TimeUnit.SECONDS);
      }
    }
  }

  private static List<ConsumerRecord<String, byte[]>> read(String topic, int n) {
    try (CommittedReader reader = new CommittedReader(broker.bootstrapServers(), topic)) {
      reader.awaitCount(topic, n, Duration.ofSeconds(90));
      return reader.records(topic);
    }
  }

  private static String header(ConsumerRecord<String, byte[]> record, String name) {
    return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
  }
}
