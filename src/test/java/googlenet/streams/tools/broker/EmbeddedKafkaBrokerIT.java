package googlenet.streams.tools.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import googlenet.streams.testing.BrokerKind;
import googlenet.streams.testing.KafkaBrokers;
import googlenet.streams.testing.TestBroker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class EmbeddedKafkaBrokerIT {

  @ParameterizedTest(name = "{0}")
  @MethodSource("googlenet.streams.testing.KafkaBrokers#available")
  void shouldShowCommittedTransactionsAndHideAbortedOnes(BrokerKind kind) throws Exception {
    try (TestBroker broker = KafkaBrokers.start(kind)) {
      String topic = "tx-" + kind.name().toLowerCase(java.util.Locale.ROOT);
      broker.createTopic(topic, 2);
      try (KafkaProducer<String, String> producer = transactionalProducer(broker)) {
        producer.initTransactions();
        producer.beginTransaction();
        producer.send(new ProducerRecord<>(topic, "a", "committed-1"));
        producer.send(new ProducerRecord<>(topic, "b", "committed-2"));
        producer.commitTransaction();
        producer.beginTransaction();
        producer.send(new ProducerRecord<>(topic, "c", "aborted"));
        producer.flush();
        producer.abortTransaction();
        producer.beginTransaction();
        producer.send(new ProducerRecord<>(topic, "d", "committed-3"));
        producer.commitTransaction();
      }
      assertThat(readCommitted(broker, topic, 3))
          .containsExactlyInAnyOrder("committed-1", "committed-2", "committed-3");
    }
  }

  @Test
  void shouldDeleteItsLogDirectoryOnClose() {
    Path logDir;
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start()) {
      logDir = broker.logDirectory();
      broker.createTopics(1, "t");
      assertThat(logDir).isDirectory();
    }
    assertThat(Files.exists(logDir)).isFalse();
  }

  @Test
  void shouldApplyExtraPropertiesAndNameUnknownListeners() throws Exception {
    try (EmbeddedKafkaBroker broker =
        EmbeddedKafkaBroker.builder().withProperty("auto.create.topics.enable", "true").start()) {
      try (Admin admin = Admin.create(broker.clientProperties())) {
        String value =
            admin
                .describeConfigs(
                    List.of(
                        new org.apache.kafka.common.config.ConfigResource(
                            org.apache.kafka.common.config.ConfigResource.Type.BROKER, "1")))
                .all()
                .get(30, TimeUnit.SECONDS)
                .values()
                .iterator()
                .next()
                .get("auto.create.topics.enable")
                .value();
        assertThat(value).isEqualTo("true");
        assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).doesNotContain("t");
      }
      assertThatThrownBy(() -> broker.bootstrapServers("SASL_SSL"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("SASL_SSL")
          .hasMessageContaining("PLAINTEXT");
    }
  }

  private static KafkaProducer<String, String> transactionalProducer(TestBroker broker) {
    return new KafkaProducer<>(
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            broker.bootstrapServers(),
            ProducerConfig.TRANSACTIONAL_ID_CONFIG,
            "tx-test",
            ProducerConfig.MAX_BLOCK_MS_CONFIG,
            30_000),
        new StringSerializer(),
        new StringSerializer());
  }

  private static List<String> readCommitted(TestBroker broker, String topic, int expected) {
    List<String> values = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "tx-reader",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
            new StringDeserializer(),
            new StringDeserializer())) {
      consumer.subscribe(Set.of(topic));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (values.size() < expected && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
          values.add(r.value());
        }
      }
      // One more poll: an aborted record that slipped through would show up here.
      consumer.poll(Duration.ofMillis(500)).forEach(r -> values.add(r.value()));
    }
    return values;
  }
}
