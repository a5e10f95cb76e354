package googlenet.streams.backfill;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Answers whether a partition holds any record left to process between the group's committed offset
 * and the range's end. A committed offset can stop short of the end for good when only transaction
 * markers or compacted-away offsets remain there; this tells that case from a backfill that is
 * still working.
 */
final class TailProbe implements AutoCloseable {
  private static final Duration PATIENCE = Duration.ofSeconds(3);

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final String topic;

  TailProbe(Map<String, Object> clientConfig, String topic, boolean readCommitted) {
    Map<String, Object> config = new HashMap<>(clientConfig);
    config.remove(ConsumerConfig.GROUP_ID_CONFIG);
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1);
    config.put(
        ConsumerConfig.ISOLATION_LEVEL_CONFIG,
        readCommitted ? "read_committed" : "read_uncommitted");
    this.consumer =
        new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    this.topic = topic;
  }

  /** True when no record lies in {@code [from, end)} of {@code partition}. */
  boolean noneLeft(int partition, long from, long end) {
    TopicPartition tp = new TopicPartition(topic, partition);
    consumer.assign(List.of(tp));
    consumer.seek(tp, from);
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (System.nanoTime() < deadline) {
      for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
        return r.offset() >= end;
      }
      if (consumer.position(tp) >= end) {
        return true;
      }
    }
    return false;
  }

  @Override
  public void close() {
    consumer.close();
  }
}
