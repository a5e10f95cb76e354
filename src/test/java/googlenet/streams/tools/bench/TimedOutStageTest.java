package googlenet.streams.tools.bench;

import static org.assertj.core.api.Assertions.assertThat;

import googlenet.streams.tools.broker.EmbeddedKafkaBroker;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A stage's wait for its results ends at a bound and says which, with the count it got and where
 * the group stands on its input.
 */
class TimedOutStageTest {
  private static final Bounds SHORT =
      new Bounds(Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ofSeconds(60));

  private static EmbeddedKafkaBroker broker;

  @BeforeAll
  static void startBroker() {
    broker = EmbeddedKafkaBroker.start();
  }

  @AfterAll
  static void stopBroker() {
    broker.close();
  }

  @Test
  void shouldStopWaitingWhenResultsStopComingAndCountThoseThatCame() throws Exception {
    broker.createTopics(2, "stalled");
    try (ResultReader reader = ResultReader.start(broker.bootstrapServers(), "stalled", 3, null)) {
      produce("stalled", 0, 1, 1); // 1 twice: a duplicate

      Bounds.Outcome got = reader.await(3, SHORT);

      assertThat(got.all()).isFalse();
      assertThat(got.why()).isEqualTo("no new result for 1 s");
      assertThat(reader.unique()).isEqualTo(2);
      assertThat(reader.duplicates()).isEqualTo(1);
      assertThat(got.results(reader.unique(), 3))
          .isEqualTo("2/3 (timed out: no new result for 1 s)");
      assertThat(reader.steadyWindow(0.1).images()).isEqualTo(1);
    }
  }

  @Test
  void shouldStopWaitingWhenNoResultComesAtAll() throws Exception {
    broker.createTopics(1, "silent");
    try (ResultReader reader = ResultReader.start(broker.bootstrapServers(), "silent", 2, null)) {
      Bounds.Outcome got = reader.await(2, SHORT);

      assertThat(got.why()).isEqualTo("no result for 2 s");
      assertThat(got.results(reader.unique(), 2)).isEqualTo("0/2 (timed out: no result for 2 s)");
      assertThat(reader.steadyWindow(0.1)).isEqualTo(Window.EMPTY);
    }
  }

  @Test
  void shouldReturnOnceAllResultsCame() throws Exception {
    broker.createTopics(1, "complete");
    try (ResultReader reader = ResultReader.start(broker.bootstrapServers(), "complete", 2, null)) {
      produce("complete", 0, 1);

      Bounds.Outcome got = reader.await(2, Bounds.forRate(2, 1));

      assertThat(got).isEqualTo(Bounds.Outcome.ALL);
      assertThat(got.results(2, 2)).isEqualTo("2/2");
    }
  }

  @Test
  void shouldDescribeTheGroupsCommittedOffsetsAgainstTheEndOfTheInput() {
    broker.createTopics(2, "offsets-in");
    produce("offsets-in", 0, 1, 2, 3, 4);
    Map<String, Object> props =
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            broker.bootstrapServers(),
            ConsumerConfig.GROUP_ID_CONFIG,
            "offsets-group");
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      consumer.commitSync(Map.of(new TopicPartition("offsets-in", 1), new OffsetAndMetadata(1)));
    }
    long[] ends = new long[2];
    for (long i = 0; i < 5; i++) {
      ends[partitionOf(i)]++;
    }

    String described =
        CommittedOffsets.describe(broker.bootstrapServers(), "offsets-group", "offsets-in");

    assertThat(described).isEqualTo("p0 none/" + ends[0] + ", p1 1/" + ends[1]);
    assertThat(CommittedOffsets.describe(broker.bootstrapServers(), "offsets-group", "absent"))
        .startsWith("unknown (");
  }

  /** The partition the default partitioner gives key {@code bench-i} of a 2-partition topic. */
  private static int partitionOf(long i) {
    return Utils.toPositive(Utils.murmur2(ImageFeed.key(i))) % 2;
  }

  @Test
  void shouldSizeTheOverallBoundFromTheExpectedRate() {
    Bounds b = Bounds.forRate(600, 100);

    assertThat(b.overall()).isEqualTo(Duration.ofSeconds(60 + 60));
    assertThat(b.first()).isEqualTo(Bounds.FIRST);
    assertThat(b.stall()).isEqualTo(Bounds.STALL);
  }

  private static void produce(String topic, long... indexes) {
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(
            Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
            new ByteArraySerializer(),
            new ByteArraySerializer())) {
      for (long i : indexes) {
        producer.send(new ProducerRecord<>(topic, ImageFeed.key(i), new byte[] {1}));
      }
      producer.flush();
    }
  }
}
