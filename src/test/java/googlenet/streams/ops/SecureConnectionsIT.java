package googlenet.streams.ops;

import static org.assertj.core.api.Assertions.assertThat;

import googlenet.streams.avro.ImageRecord;
import googlenet.streams.cli.Main;
import googlenet.streams.config.GnsConfig;
import googlenet.streams.serde.AvroSerde;
import googlenet.streams.service.ClassificationService;
import googlenet.streams.testing.CapturedLog;
import googlenet.streams.testing.CommittedReader;
import googlenet.streams.testing.TestModels;
import googlenet.streams.tools.fixtures.SampleImages;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

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

    try (CapturedLog log = CapturedLog.of(ClassificationService.class);
        ClassificationService service =
            ClassificationService.create(
                config(topics, cluster.saslSslClient("alice", ALICE_PASSWORD)))) {
      service.start();
      assertThat(readCommitted(topics.output(), 5)).hasSize(5);
      assertThat(service.failure()).isEmpty();
      String dump =
          log.messages().stream()
              .filter(m -> m.startsWith("Configuration:"))
              .findFirst()
              .orElseThrow();
      assertThat(dump)
          .contains("security.protocol=SASL_SSL", "sasl.jaas.config=[hidden]")
          .doesNotContain(ALICE_PASSWORD, cluster.pki().password());
    }
  }

  @Test
  void shouldClassifyOverMutualTlsWithTheClientCertificate() throws Exception {
    Topics topics = Topics.create("mtls");
    cluster.grantPipeline(
        "User:" + TestPki.CLIENT_DN, topics.appId(), topics.input(), topics.outputs());
    produce(topics.input(), 3);

    try (ClassificationService service =
        ClassificationService.create(config(topics, cluster.mtlsClient()))) {
      service.start();
      assertThat(readCommitted(topics.output(), 3)).hasSize(3);
      assertThat(service.failure()).isEmpty();
    }
  }

  @Test
  void shouldRefuseToStartWithAnAuthenticationErrorOnAWrongPassword() throws Exception {
    Topics topics = Topics.create("badpw");
    cluster.grantPipeline("User:alice", topics.appId(), topics.input(), topics.outputs());

    Path props = dir.resolve("wrong-password.properties");
    StringBuilder text = new StringBuilder();
    Map<String, String> values = settings(topics, cluster.saslSslClient("alice", "wrong-password"));
    values.forEach((k, v) -> text.append(k).append('=').append(escape(v)).append('\n'));
    Files.writeString(props, text.toString());
    StringWriter err = new StringWriter();
    CommandLine cli = Main.newCommandLine();
    cli.setErr(new PrintWriter(err, true));

    int status = runWithin(cli, props);

    // Refused credentials are found while start-up waits for the brokers: no point waiting on.
    assertThat(status).isEqualTo(2);
    assertThat(err.toString())
        .contains("run: cannot start: the Kafka brokers at")
        .contains("refused this client: SaslAuthenticationException")
        .contains("invalid credentials with SASL mechanism SCRAM-SHA-512")
        .contains("check security.protocol, sasl.mechanism and the user name and password")
        .doesNotContain("wrong-password");
  }

  @Test
  void shouldStopWithAnAuthorizationErrorWithoutWriteOnTheOutputTopic() throws Exception {
    Topics topics = Topics.create("nowrite");
    cluster.grantPipeline("User:bob", topics.appId(), topics.input(), List.of(topics.dlq()));
    produce(topics.input(), 1);

    try (ClassificationService service =
        ClassificationService.create(config(topics, cluster.saslSslClient("bob", BOB_PASSWORD)))) {
      service.start();

      assertThat(service.awaitStop(STOP_WITHIN)).as("stopped by itself").isTrue();
      assertThat(service.failureMessage()).isPresent();
      assertThat(service.failureMessage().orElseThrow())
          .startsWith("TopicAuthorizationException: Not authorized to access topics: [")
          .contains(topics.output())
          .contains("the principal lacks an ACL");
      assertThat(service.ops().health().live().ok()).isFalse();
    }
  }

  private static int runWithin(CommandLine cli, Path props) throws Exception {
    ExecutorService executor = Executors.newSingleThreadExecutor();
    try {
      return executor
          .submit(() -> cli.execute("run", "--config", props.toString()))
          .get(STOP_WITHIN.toSeconds(), TimeUnit.SECONDS);
    } finally {
      executor.shutdownNow();
    }
  }

  /** A properties-file value: backslashes doubled. */
  private static String escape(String value) {
    return value.replace("\\", "\\\\");
  }

  private static GnsConfig config(Topics topics, Map<String, String> client) {
    return GnsConfig.fromMap(settings(topics, client));
  }

  private static Map<String, String> settings(Topics topics, Map<String, String> client) {
    Map<String, String> props = new HashMap<>(client);
    props.put("application.id", topics.appId());
    props.put("input.topic", topics.input());
    props.put("output.topic", topics.output());
    props.put("dlq.topic", topics.dlq());
    props.put("model.path", TestModels.small().toString());
    props.put("batch.max.size", "4");
    props.put("batch.max.delay.ms", "50");
    props.put("metrics.port", "0");
    props.put("state.dir", dir.resolve("state-" + topics.appId()).toString());
    props.put("consumer.session.timeout.ms", "6000");
    props.put("consumer.heartbeat.interval.ms", "500");
    return props;
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

  private static List<ConsumerRecord<String, byte[]>> readCommitted(String topic, int n) {
    try (CommittedReader reader = new CommittedReader(cluster.broker().bootstrapServers(), topic)) {
      reader.awaitCount(topic, n, Duration.ofSeconds(120));
      return reader.records(topic);
    }
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
