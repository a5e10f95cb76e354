package googlenet.streams.ops;

import googlenet.streams.avro.Classification;
import googlenet.streams.avro.Prediction;
import googlenet.streams.serde.RecordReader;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * How a shadow candidate labels the images the live model labelled: reads the live and the shadow
 * topics over a time range (record timestamps, which both copy from the input), pairs the
 * classifications of the same input record (source topic, partition, offset), and reports top-1
 * agreement, top-5 overlap and the differences of the top-1 probabilities.
 */
public final class ModelComparison {
  private static final Duration POLL = Duration.ofMillis(500);
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private final Properties client;
  private final RecordReader<Classification> reader;

  /**
   * A comparison reading with these Kafka client settings and decoding either framing.
   *
   * @param client bootstrap servers and any client settings (security)
   */
  public ModelComparison(Properties client, RecordReader<Classification> reader) {
    this.client = client;
    this.reader = reader;
  }

  /** Compares the classifications written between {@code from} and {@code to}. */
  public ComparisonReport compare(String live, String shadow, Instant from, Instant to) {
    Map<String, Classification> liveBySource = read(live, from, to);
    Map<String, Classification> shadowBySource = read(shadow, from, to);
    List<double[]> pairs = new ArrayList<>();
    TreeSet<String> liveModels = new TreeSet<>();
    TreeSet<String> shadowModels = new TreeSet<>();
    liveBySource.values().forEach(c -> liveModels.add(model(c)));
    shadowBySource.values().forEach(c -> shadowModels.add(model(c)));
    liveBySource.forEach(
        (source, l) -> {
          Classification s = shadowBySource.get(source);
          if (s != null) {
            pairs.add(pair(l, s));
          }
        });
    return ComparisonReport.of(
        liveBySource.size(), shadowBySource.size(), pairs, liveModels, shadowModels);
  }

  /** {agree top-1 (0/1), top-1 probability delta, top-5 overlap (0..1)}. */
  private static double[] pair(Classification live, Classification shadow) {
    Prediction a = live.getPredictions().get(0);
    Prediction b = shadow.getPredictions().get(0);
    TreeSet<Integer> liveTop = new TreeSet<>();
    live.getPredictions().forEach(p -> liveTop.add(p.getClassIndex()));
    long common =
        shadow.getPredictions().stream().filter(p -> liveTop.contains(p.getClassIndex())).count();
    int k = Math.max(1, Math.min(live.getPredictions().size(), shadow.getPredictions().size()));
    return new double[] {
      a.getClassIndex() == b.getClassIndex() ? 1 : 0,
      Math.abs(a.getProbability() - b.getProbability()),
      (double) common / k
    };
  }

  private static String model(Classification c) {
    return c.getModel().getName() + " " + c.getModel().getVersion();
  }

  private Map<String, Classification> read(String topic, Instant from, Instant to) {
    Properties props = new Properties();
    props.putAll(client);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.remove(ConsumerConfig.GROUP_ID_CONFIG);
    Map<String, Classification> bySource = new HashMap<>();
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      Map<TopicPartition, long[]> ranges = ranges(consumer, topic, from, to);
      consumer.assign(ranges.keySet());
      ranges.forEach((tp, range) -> consumer.seek(tp, range[0]));
      long deadline = System.nanoTime() + TIMEOUT.toNanos();
      while (!done(consumer, ranges) && System.nanoTime() < deadline) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(POLL)) {
          long end = ranges.get(new TopicPartition(r.topic(), r.partition()))[1];
          if (r.offset() < end && r.value() != null) {
            Classification c = reader.read(r.value());
            bySource.put(source(c), c);
          }
        }
      }
    }
    return bySource;
  }

  /** Per partition, the offsets [first at or after from, first at or after to). */
  private static Map<TopicPartition, long[]> ranges(
      KafkaConsumer<byte[], byte[]> consumer, String topic, Instant from, Instant to) {
    List<PartitionInfo> infos = consumer.partitionsFor(topic, TIMEOUT);
    if (infos == null || infos.isEmpty()) {
      throw new IllegalArgumentException(
          "topic '" + topic + "' does not exist or has no partitions");
    }
    Map<TopicPartition, Long> fromTimes = new HashMap<>();
    Map<TopicPartition, Long> toTimes = new HashMap<>();
    for (PartitionInfo p : infos) {
      TopicPartition tp = new TopicPartition(topic, p.partition());
      fromTimes.put(tp, from.toEpochMilli());
      toTimes.put(tp, to.toEpochMilli());
    }
    Map<TopicPartition, Long> ends = consumer.endOffsets(fromTimes.keySet(), TIMEOUT);
    Map<TopicPartition, OffsetAndTimestamp> starts = consumer.offsetsForTimes(fromTimes, TIMEOUT);
    Map<TopicPartition, OffsetAndTimestamp> stops = consumer.offsetsForTimes(toTimes, TIMEOUT);
    Map<TopicPartition, long[]> ranges = new HashMap<>();
    for (TopicPartition tp : fromTimes.keySet()) {
      long end = ends.get(tp);
      long first = starts.get(tp) == null ? end : starts.get(tp).offset();
      long last = stops.get(tp) == null ? end : stops.get(tp).offset();
      ranges.put(tp, new long[] {first, last});
    }
    return ranges;
  }

  private static boolean done(
      KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, long[]> ranges) {
    return ranges.entrySet().stream()
        .allMatch(
            e ->
                e.getValue()[0] >= e.getValue()[1]
                    || consumer.position(e.getKey()) >= e.getValue()[1]);
  }

  private static String source(Classification c) {
    return c.getSource().getTopic()
        + "-"
        + c.getSource().getPartition()
        + "@"
        + c.getSource().getOffset();
  }
}
