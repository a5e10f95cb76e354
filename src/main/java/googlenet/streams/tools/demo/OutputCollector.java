package googlenet.streams.tools.demo;

import googlenet.streams.avro.Classification;
import googlenet.streams.serde.RecordReader;
import googlenet.streams.tools.broker.TopicPartitions;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads the classifications and dead-letter topics from the beginning with a read_committed
 * consumer (no group) until every expected key has an output or a deadline passes.
 */
public final class OutputCollector {
  private static final Duration WAIT = Duration.ofSeconds(30);

  private OutputCollector() {}

  /**
   * Collects outputs for {@code expected} keys, waiting at most {@code timeout}; then reads for
   * {@code settle} more to catch duplicates.
   */
  public static PipelineOutputs collect(
      RecordReader<Classification> serde,
      String bootstrapServers,
      String outputTopic,
      String dlqTopic,
      Set<String> expected,
      Duration timeout,
      Duration settle) {
    PipelineOutputs outputs = new PipelineOutputs(expected);
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(
            consumerProperties(bootstrapServers),
            new StringDeserializer(),
            new ByteArrayDeserializer())) {
      List<TopicPartition> partitions =
          new ArrayList<>(TopicPartitions.of(consumer, outputTopic, WAIT));
      partitions.addAll(TopicPartitions.of(consumer, dlqTopic, WAIT));
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      long deadline = System.nanoTime() + timeout.toNanos();
      while (!outputs.complete() && System.nanoTime() < deadline) {
        poll(consumer, outputTopic, serde, outputs);
      }
      long settleEnd = System.nanoTime() + settle.toNanos();
      while (System.nanoTime() < settleEnd) {
        poll(consumer, outputTopic, serde, outputs);
      }
    }
    return outputs;
  }

  private static void poll(
      KafkaConsumer<String, byte[]> consumer,
      String outputTopic,
      RecordReader<Classification> serde,
      PipelineOutputs outputs) {
    for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(100))) {
      if (r.topic().equals(outputTopic)) {
        outputs.add(new PipelineOutputs.Result(r.key(), serde.read(r.value())));
      } else {
        outputs.add(new PipelineOutputs.DeadLetter(r.key(), r.value(), errorHeaders(r)));
      }
    }
  }

  private static Map<String, String> errorHeaders(ConsumerRecord<String, byte[]> record) {
    Map<String, String> errors = new LinkedHashMap<>();
    for (Header h : record.headers()) {
      if (h.key().startsWith("gns.") && h.value() != null) {
        errors.put(h.key(), new String(h.value(), StandardCharsets.UTF_8));
      }
    }
    return errors;
  }

  private static Properties consumerProperties(String bootstrapServers) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, String.valueOf(16 * 1024 * 1024));
    return props;
  }
}
