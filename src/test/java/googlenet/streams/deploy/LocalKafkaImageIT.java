package googlenet.streams.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.startupcheck.OneShotStartupCheckStrategy;
import org.testcontainers.utility.DockerImageName;

/**
 * The container infrastructure itself: the locally built Kafka image runs under Testcontainers'
 * stock KafkaContainer (the one {@link DeployEnvironment} shares), serves transactions to a client
 * on the host (mapped port), and is reachable by its network alias from a sibling container, as the
 * service container reaches it.
 */
@RequiresContainerEngine
class LocalKafkaImageIT {
  private static String bootstrapServers() {
    return DeployEnvironment.get().bootstrapServers();
  }

  @Test
  void shouldShowCommittedTransactionsOnlyToReadCommittedConsumers() {
    String topic = "tx-" + UUID.randomUUID();
    try (KafkaProducer<String, String> producer = producer()) {
      producer.initTransactions();
      producer.beginTransaction();
      producer.send(new ProducerRecord<>(topic, "k1", "committed"));
      producer.commitTransaction();
      producer.beginTransaction();
      producer.send(new ProducerRecord<>(topic, "k2", "aborted"));
      producer.flush();
      producer.abortTransaction();
      producer.beginTransaction();
      producer.send(new ProducerRecord<>(topic, "k3", "committed too"));
      producer.commitTransaction();
    }

    assertThat(readCommitted(topic, 2)).containsExactly("committed", "committed too");
  }

  @Test
  void shouldBeReachableByItsNetworkAliasFromASiblingContainer() {
    String topic = "alias-" + UUID.randomUUID();
    try (GenericContainer<?> tool =
        new GenericContainer<>(DockerImageName.parse(LocalImages.KAFKA))
            .withNetwork(DeployEnvironment.get().network())
            .withCommand(
                "bash",
                "-c",
                "/opt/kafka/bin/kafka-topics.sh --bootstrap-server "
                    + DeployEnvironment.INTERNAL_BOOTSTRAP
                    + " --create --topic "
                    + topic
                    + " --partitions 3")
            .withStartupCheckStrategy(
                new OneShotStartupCheckStrategy().withTimeout(Duration.ofSeconds(60)))) {
      tool.start();
    }

    try (KafkaConsumer<String, String> consumer = consumer()) {
      assertThat(consumer.partitionsFor(topic, Duration.ofSeconds(10))).hasSize(3);
    }
  }

  private static KafkaProducer<String, String> producer() {
    return new KafkaProducer<>(
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrapServers(),
            ProducerConfig.TRANSACTIONAL_ID_CONFIG,
            "local-image-it-" + UUID.randomUUID()),
        new StringSerializer(),
        new StringSerializer());
  }

  private static KafkaConsumer<String, String> consumer() {
    return new KafkaConsumer<>(
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrapServers(),
            ConsumerConfig.ISOLATION_LEVEL_CONFIG,
            "read_committed",
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
            "earliest",
            ConsumerConfig.GROUP_ID_CONFIG,
            "local-image-it-" + UUID.randomUUID()),
        new StringDeserializer(),
        new StringDeserializer());
  }

  private static List<String> readCommitted(String topic, int expected) {
    List<String> values = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer = consumer()) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (values.size() < expected && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
          values.add(record.value());
        }
      }
      // One more poll: anything beyond the expected records (e.g. the aborted one) shows up.
      consumer.poll(Duration.ofMillis(500)).forEach(r -> values.add(r.value()));
    }
    return values;
  }
}
