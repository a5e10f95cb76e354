package googlenet.streams.testing;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads topics from the beginning as a read_committed consumer without a group, keeping every
 * record: what a downstream application would see. Not thread-safe; use from the test thread.
 */
public final class CommittedReader implements AutoCloseable {
  private final KafkaConsumer<String, byte[]> consumer;
  private final List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();

  /** Assigns every partition of {@code topics} (which must exist) from offset 0. */
  public CommittedReader(String bootstrapServers, String... topics) {
    consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false,
                ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG,
                16 * 1024 * 1024),
            new StringDeserializer(),
            new ByteArrayDeserializer());
    List<TopicPartition> partitions =
        Stream.of(topics)
            .flatMap(t -> partitionsOf(t).stream().map(p -> new TopicPartition(t, p.partition())))
            .toList();
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
  }

  /**
   * The partitions of a just-created topic: the client's metadata may not list them yet (seen with
   * the container broker), and assigning none would make every poll fail.
   */
  private List<PartitionInfo> partitionsOf(String topic) {
    return await("partitions of " + topic)
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> consumer.partitionsFor(topic, Duration.ofSeconds(5)), p -> !p.isEmpty());
  }

  /** Polls once (up to 200 ms) and keeps what arrived. */
  public void poll() {
    poll(Duration.ofMillis(200));
  }

  /** Polls once (up to {@code timeout}); the number of records read so far. */
  public int poll(Duration timeout) {
    consumer.poll(timeout).forEach(records::add);
    return records.size();
  }

  /**
   * Polls until at least {@code count} records of {@code topic} were read, at most {@code atMost}.
   */
  public void awaitCount(String topic, int count, Duration atMost) {
    awaitRecords(r -> r.topic().equals(topic), count, atMost);
  }

  /** Polls until at least {@code count} records match, at most {@code atMost}. */
  public void awaitRecords(
      Predicate<ConsumerRecord<String, byte[]>> filter, int count, Duration atMost) {
    await()
        .atMost(atMost)
        .pollInSameThread()
        .pollInterval(Duration.ofMillis(10))
        .until(
            () -> {
              poll();
              return records.stream().filter(filter).count() >= count;
            });
  }

  /** Keeps polling for {@code duration}: anything extra (a duplicate) shows up. */
  public void drain(Duration duration) {
    long end = System.nanoTime() + duration.toNanos();
    while (System.nanoTime() < end) {
      poll();
    }
  }

  /** Every record read so far, in read order. */
  public List<ConsumerRecord<String, byte[]>> records() {
    return List.copyOf(records);
  }

  /** How often each key was read. */
  public Map<String, Long> countsByKey() {
    return records.stream()
        .collect(Collectors.groupingBy(ConsumerRecord::key, Collectors.counting()));
  }

  /** The records of {@code topic} read so far, in read order. */
  public List<ConsumerRecord<String, byte[]>> records(String topic) {
    return records.stream().filter(r -> r.topic().equals(topic)).toList();
  }

  @Override
  public void close() {
    consumer.close();
  }
}
