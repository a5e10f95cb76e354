package googlenet.streams.topology;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * A {@link RecordFetcher} on a short-lived consumer without a group, with the application's client
 * settings (security included) and, under exactly-once, {@code read_committed}.
 */
final class KafkaRecordFetcher implements RecordFetcher {
  /** Longest time a restore may take to read its records back. */
  static final Duration TIMEOUT = Duration.ofSeconds(60);

  private final Map<String, Object> consumerConfig;

  /** A fetcher with these consumer settings (bootstrap servers, security, isolation level). */
  KafkaRecordFetcher(Map<String, Object> consumerConfig) {
    Map<String, Object> config = new HashMap<>(consumerConfig);
    config.remove(ConsumerConfig.GROUP_ID_CONFIG);
    config.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    this.consumerConfig = Map.copyOf(config);
  }

  @Override
  public Map<Long, PendingRecord> fetch(String topic, int partition, SortedSet<Long> offsets) {
    TopicPartition tp = new TopicPartition(topic, partition);
    Map<Long, PendingRecord> found = new HashMap<>();
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(
            consumerConfig, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      consumer.assign(List.of(tp));
      consumer.seek(tp, offsets.first());
      long deadline = System.nanoTime() + TIMEOUT.toNanos();
      while (consumer.position(tp, TIMEOUT) <= offsets.last()) {
        if (System.nanoTime() > deadline) {
          throw new TimeoutException(
              "could not read back offsets "
                  + offsets.first()
                  + ".."
                  + offsets.last()
                  + " of "
                  + tp
                  + " within "
                  + TIMEOUT.toSeconds()
                  + " s");
        }
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          if (offsets.contains(r.offset())) {
            found.put(r.offset(), pending(r));
          }
        }
      }
    }
    return found;
  }

  private static PendingRecord pending(ConsumerRecord<byte[], byte[]> r) {
    return new PendingRecord(
        r.key(),
        r.value(),
        r.headers().toArray(),
        r.timestamp(),
        r.topic(),
        r.partition(),
        r.offset());
  }
}
