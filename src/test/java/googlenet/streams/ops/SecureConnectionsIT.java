package googlenet.streams.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import googlenet.streams.avro.ImageRecord;
import googlenet.streams.config.GnsConfig;
import googlenet.streams.image.SampleImages;
import googlenet.streams.serde.AvroSerde;
import googlenet.streams.testing.TestModels;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pipeline against a broker that requires TLS with SCRAM-SHA-512 logins or client certificates,
 * and enforces ACLs: right credentials classify; a wrong password or a missing WRITE permission
 * stop the service with a clear error within a bounded time.
 */
class SecureConnectionsIT {
  private static final Duration STOP_WITHIN = Duration.ofSeconds(90);
  private static final String ALICE_PASSWORD = "alice-s3cret-pw";
  private static final String BOB_PASSWORD = "bob-s3cret-pw";

  @TempDir static Path dir;
  private static SecureCluster cluster;

  @BeforeAll
  static void startBroker() throws Exception {
    cluster = SecureCluster.start(dir, Map.of("alice", ALICE_PASSWORD, "bob", BOB_PASSWORD));
  }

  @AfterAll
  static void stopBroker() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void shouldClassifyOverSaslSslWithTheRightCredentials() throws Exception {
    Topics topics = Topics.create("ok");
    cluster.grantPipeline("User:alice", topics.appId(), topics.input(), topics.outputs());
    produce(topics.input(), 5);

    try (PipelineRun run =
        PipelineRun.start(config(topics, cluster.saslSslClient("alice", ALICE_PASSWORD)))) {
      assertThat(readCommitted(topics.output(), 5)).hasSize(5);
      assertThat(run.failure()).isEmpty();
    }
  }

  @Test
  void shouldClassifyOverMutualTlsWithTheClientCertificate() throws Exception {
    Topics topics = Topics.create("mtls");
    cluster.grantPipeline(
        "User:" + TestPki.CLIENT_DN, topics.appId(), topics.input(), topics.outputs());
    produce(topics.input(), 3);

    try (PipelineRun run = PipelineRun.start(config(topics, cluster.mtlsClient()))) {
      assertThat(readCommitted(topics.output(), 3)).hasSize(3);
      assertThat(run.failure()).isEmpty();
    }
  }

  @Test
  void shouldStopWithAnAuthenticationErrorOnAWrongPassword() throws Exception {
    Topics topics = Topics.create("badpw");
    cluster.grantPipeline("User:alice", topics.appId(), topics.input(), topics.outputs());

    try (PipelineRun run =
        PipelineRun.start(config(topics, cluster.saslSslClient("alice", "wrong-password")))) {
      String failure = run.awaitFailure(STOP_WITHIN);

      assertThat(failure).contains("SaslAuthenticationException").contains("SCRAM-SHA-512");
    }
  }

  @Test
  void shouldStopWithAnAuthorizationErrorWithoutWriteOnTheOutputTopic() throws Exception {
    Topics topics = Topics.create("nowrite");
    cluster.grantPipeline("User:bob", topics.appId(), topics.input(), List.of(topics.dlq()));
    produce(topics.input(), 1);

    try (PipelineRun run =
        PipelineRun.start(config(topics, cluster.saslSslClient("bob", BOB_PASSWORD)))) {
      String failure = run.awaitFailure(STOP_WITHIN);

      assertThat(failure).contains("TopicAuthorizationException").contains(topics.output());
    }
  }

  private static GnsConfig config(Topics topics, Map<String, String> client) {
    Map<String, String> props = new HashMap<>(client);
    props.put("application.id", topics.appId());
    props.put("input.topic", topics.input());
    props.put("output.topic", topics.output());
    props.put("dlq.topic", topics.dlq());
    props.put("model.path", TestModels.small().toString());
    props.put("batch.max.size", "4");
    props.put("batch.max.delay.ms", "50");
    props.put("metrics.port", "-1");
    props.put("state.dir", dir.resolve("state-" + topics.appId()).toString());
    props.put("consumer.session.timeout.ms", "6000");
    props.put("consumer.heartbeat.interval.ms", "500");
    return GnsConfig.fromMap(props);
  }

  private static void produce(String topic, int n) throws Exception {
    AvroSerde<ImageRecord> serde = AvroSerde.imageRecord();
    Map<String, Object> props = new HashMap<>();
    props.put("bootstrap.servers", cluster.broker().bootstrapServers());
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
      for (int i = 0; i < n; i++) {
        ImageRecord image =
            ImageRecord.newBuilder()
                .setId("img-" + i)
                .setImage(ByteBuffer.wrap(SampleImages.jpeg(64, 48, i)))
                .build();
        producer.send(new ProducerRecord<>(topic, serde.encode(image))).get(30, TimeUnit.SECONDS);
      }
    }
  }

  private static List<ConsumerRecord<byte[], byte[]>> readCommitted(String topic, int n) {
    Map<String, Object> props = new HashMap<>();
    props.put("bootstrap.servers", cluster.broker().bootstrapServers());
    props.put("isolation.level", "read_committed");
    List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      TopicPartition partition = new TopicPartition(topic, 0);
      consumer.assign(List.of(partition));
      consumer.seekToBeginning(List.of(partition));
      await()
          .atMost(Duration.ofSeconds(120))
          .pollInSameThread()
          .until(
              () -> {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                return records.size() >= n;
              });
    }
    return records;
  }

  /** One test's topics and application id, created on the broker. */
  private record Topics(String appId, String input, String output, String dlq) {
    static Topics create(String name) {
      Topics topics =
          new Topics("gns-" + name, "images-" + name, "classifications-" + name, "dlq-" + name);
      cluster.broker().createTopics(1, topics.input(), topics.output(), topics.dlq());
      return topics;
    }

    List<String> outputs() {
      return List.of(output, dlq);
    }
  }
}
