package googlenet.streams.backfill;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Backfill definitions in a compacted topic, keyed by name: the last record of a name is its
 * definition. Written synchronously (acks=all) before a backfill starts, read whole when one
 * starts. The topic is created on first write, one partition, compacted.
 */
final class DefinitionStore {
  /** Default name of the definitions topic. */
  static final String DEFAULT_TOPIC = "googlenet-streams-backfills";

  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final Admin admin;
  private final Map<String, Object> clientConfig;
  private final String topic;

  /**
   * @param admin admin client of the cluster
   * @param clientConfig connection and security settings for a consumer and a producer
   * @param topic the definitions topic
   */
  DefinitionStore(Admin admin, Map<String, Object> clientConfig, String topic) {
    this.admin = admin;
    this.clientConfig = Map.copyOf(clientConfig);
    this.topic = topic;
  }

  String topic() {
    return topic;
  }

  /** The definition stored under {@code name}, if any. */
  Optional<BackfillDefinition> read(String name) throws BackfillException {
    if (!Topics.exists(admin, topic)) {
      return Optional.empty();
    }
    byte[] key = name.getBytes(StandardCharsets.UTF_8);
    byte[] last = null;
    try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
      List<TopicPartition> partitions = new ArrayList<>();
      consumer
          .partitionsFor(topic, TIMEOUT)
          .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, TIMEOUT);
      long deadline = System.nanoTime() + TIMEOUT.toNanos();
      while (!reached(consumer, ends)) {
        if (System.nanoTime() > deadline) {
          throw new BackfillException(
              "could not read the backfill definitions topic "
                  + topic
                  + " within "
                  + TIMEOUT.toSeconds()
                  + " s; check the brokers and the topic");
        }
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          if (java.util.Arrays.equals(key, r.key())) {
            last = r.value();
          }
        }
      }
    }
    try {
      return Optional.ofNullable(last).map(BackfillDefinition::fromJson);
    } catch (IllegalArgumentException e) {
      throw new BackfillException(
          e.getMessage() + "; start over with --restart or use another --name", e);
    }
  }

  private static boolean reached(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> ends) {
    return ends.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
  }

  /** Stores {@code definition} under its name, creating the topic when missing. */
  void write(BackfillDefinition definition) throws BackfillException {
    create();
    Map<String, Object> config = new java.util.HashMap<>(clientConfig);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer())) {
      producer
          .send(
              new ProducerRecord<>(
                  topic, definition.name().getBytes(StandardCharsets.UTF_8), definition.toJson()))
          .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new BackfillException(
          "could not store the definition of backfill "
              + definition.name()
              + " in "
              + topic
              + ": "
              + Topics.cause(e),
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BackfillException("interrupted while storing the backfill definition", e);
    }
  }

  private void create() throws BackfillException {
    NewTopic compacted =
        new NewTopic(topic, Optional.of(1), Optional.empty())
            .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
    try {
      admin.createTopics(List.of(compacted)).all().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw new BackfillException(
            "could not create the backfill definitions topic "
                + topic
                + ": "
                + Topics.cause(e)
                + "; create it yourself (compacted, 1 partition)",
            e);
      }
    } catch (TimeoutException e) {
      throw new BackfillException("timed out creating topic " + topic, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BackfillException("interrupted while creating topic " + topic, e);
    }
  }

  private KafkaConsumer<byte[], byte[]> consumer() {
    Map<String, Object> config = new java.util.HashMap<>(clientConfig);
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.remove(ConsumerConfig.GROUP_ID_CONFIG);
    return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }
}
