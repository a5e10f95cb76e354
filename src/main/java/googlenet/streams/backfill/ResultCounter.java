package googlenet.streams.backfill;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Counts what a run wrote: the committed records carrying this backfill's {@value RangeGate#HEADER}
 * header between a topic's end offsets before the run ({@link #marks}) and after it. Reads only the
 * part of the topic written during the run.
 */
final class ResultCounter {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private final Admin admin;
  private final Map<String, Object> clientConfig;
  private final byte[] name;

  ResultCounter(Admin admin, Map<String, Object> clientConfig, String name) {
    this.admin = admin;
    this.clientConfig = Map.copyOf(clientConfig);
    this.name = name.getBytes(StandardCharsets.UTF_8);
  }

  /** The last stable offset of every partition of {@code topic}. */
  Map<TopicPartition, Long> marks(String topic) throws BackfillException {
    try {
      Map<TopicPartition, OffsetSpec> request = new HashMap<>();
      Topics.require(admin, topic, "result")
          .partitions()
          .forEach(p -> request.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
      Map<TopicPartition, Long> out = new HashMap<>();
      Topics.get(
              admin
                  .listOffsets(request, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED))
                  .all())
          .forEach((tp, info) -> out.put(tp, info.offset()));
      return out;
    } catch (ExecutionException e) {
      throw new BackfillException(
          "cannot list the offsets of " + topic + ": " + Topics.cause(e), e);
    }
  }

  /** Committed records of this backfill written to {@code topic} since {@code from}. */
  long count(String topic, Map<TopicPartition, Long> from) throws BackfillException {
    Map<TopicPartition, Long> to = marks(topic);
    Map<String, Object> config = new HashMap<>(clientConfig);
    config.remove(ConsumerConfig.GROUP_ID_CONFIG);
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    long count = 0;
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      consumer.assign(List.copyOf(to.keySet()));
      to.keySet().forEach(tp -> consumer.seek(tp, from.getOrDefault(tp, 0L)));
      long deadline = System.nanoTime() + TIMEOUT.toNanos();
      while (!to.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue())) {
        if (System.nanoTime() > deadline) {
          throw new BackfillException(
              "could not count the records written to "
                  + topic
                  + ": no progress for "
                  + TIMEOUT.toSeconds()
                  + " s");
        }
        var records = consumer.poll(Duration.ofMillis(200));
        if (!records.isEmpty()) {
          deadline = System.nanoTime() + TIMEOUT.toNanos();
        }
        for (ConsumerRecord<byte[], byte[]> r : records) {
          if (r.offset() < to.get(new TopicPartition(r.topic(), r.partition())) && ours(r)) {
            count++;
          }
        }
      }
    }
    return count;
  }

  private boolean ours(ConsumerRecord<byte[], byte[]> r) {
    Header h = r.headers().lastHeader(RangeGate.HEADER);
    return h != null && Arrays.equals(h.value(), name);
  }
}
