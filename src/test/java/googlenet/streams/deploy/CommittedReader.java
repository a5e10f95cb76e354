package googlenet.streams.deploy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.Awaitility;

/**
 * Reads a topic from the beginning with {@code isolation.level=read_committed}, as a downstream
 * consumer of an exactly-once pipeline would, and keeps every record seen. Not thread-safe.
 */
final class CommittedReader implements AutoCloseable {
  private final KafkaConsumer<String, byte[]> consumer;
  private final List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();

  CommittedReader(String bootstrapServers, String topic) {
    consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG,
                "deploy-test-reader-" + UUID.randomUUID(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false),
            new StringDeserializer(),
            new ByteArrayDeserializer());
    // A just-created topic may not be in the client's metadata yet: wait until it is.
    List<TopicPartition> partitions =
        Awaitility.await("partitions of " + topic)
            .atMost(Duration.ofSeconds(30))
            .pollInterval(Duration.ofMillis(100))
            .until(() -> consumer.partitionsFor(topic, Duration.ofSeconds(5)), p -> !p.isEmpty())
            .stream()
            .map(p -> new TopicPartition(p.topic(), p.partition()))
            .toList();
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
  }

  /** Polls once (up to {@code timeout}) and returns the number of records seen so far. */
  int poll(Duration timeout) {
    consumer.poll(timeout).forEach(records::add);
    return records.size();
  }

  /** Every record seen so far, in arrival order. */
  List<ConsumerRecord<String, byte[]>> records() {
    return List.copyOf(records);
  }

  /** How often each key was seen. */
  Map<String, Long> countsByKey() {
    return records.stream()
        .collect(Collectors.groupingBy(ConsumerRecord::key, Collectors.counting()));
  }

  /** Records by key, for keys seen once; use after checking {@link #countsByKey()}. */
  Map<String, ConsumerRecord<String, byte[]>> byKey() {
    return records.stream()
        .collect(Collectors.toMap(ConsumerRecord::key, Function.identity(), (a, b) -> a));
  }

  @Override
  public void close() {
    consumer.close();
  }
}
