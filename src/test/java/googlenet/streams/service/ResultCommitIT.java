package googlenet.streams.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import googlenet.streams.config.GnsConfig;
import googlenet.streams.testing.BrokerKind;
import googlenet.streams.testing.CommittedReader;
import googlenet.streams.testing.KafkaBrokers;
import googlenet.streams.testing.TestBroker;
import googlenet.streams.testing.TestInputs;
import googlenet.streams.testing.TestModels;
import googlenet.streams.testing.TestProducer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Under exactly-once a task asks for a commit right after it writes results ({@code
 * result.commit.interval.ms}), so results become readable without waiting for {@code
 * commit.interval.ms}. Both tests set that interval to ten minutes: only the requests can make a
 * result readable within the test's waits, and with them off only the close's commit does.
 */
class ResultCommitIT {
  private static final int IMAGES = 24;
  private static final String TEN_MINUTES = "600000";

  @TempDir Path stateDir;

  @Test
  void shouldMakeWrittenResultsReadableWithoutWaitingForTheCommitInterval() throws Exception {
    try (TestBroker broker = KafkaBrokers.start(BrokerKind.EMBEDDED)) {
      Set<String> sent = produce(broker);
      try (ClassificationService service =
              ClassificationService.create(config(broker, "with-requests", "100"));
          CommittedReader reader = new CommittedReader(broker.bootstrapServers(), "results")) {
        service.start();
        reader.awaitCount("results", IMAGES, Duration.ofSeconds(90));

        assertThat(keys(reader.records("results"))).isEqualTo(sent);
      }
    }
  }

  @Test
  void shouldLeaveWrittenResultsUnreadableUntilACommitWhenRequestsAreOff() throws Exception {
    try (TestBroker broker = KafkaBrokers.start(BrokerKind.EMBEDDED)) {
      Set<String> sent = produce(broker);
      try (CommittedReader reader = new CommittedReader(broker.bootstrapServers(), "results")) {
        ClassificationService service =
            ClassificationService.create(config(broker, "without-requests", "0"));
        try {
          service.start();
          awaitWrittenUncommitted(broker, IMAGES);
          reader.drain(Duration.ofSeconds(2));
          assertThat(reader.records("results")).as("readable before any commit").isEmpty();
        } finally {
          service.close();
        }
        reader.awaitCount("results", IMAGES, Duration.ofSeconds(60));

        assertThat(keys(reader.records("results"))).isEqualTo(sent);
      }
    }
  }

  private static Set<String> produce(TestBroker broker) throws Exception {
    broker.createTopic("images", 2);
    broker.createTopic("results", 2);
    broker.createTopic("images.dlq", 1);
    try (TestProducer producer = new TestProducer(broker.bootstrapServers(), "images")) {
      producer.send(TestInputs.mixed(IMAGES, 0));
      return producer.sent().keySet();
    }
  }

  private GnsConfig config(TestBroker broker, String name, String resultCommitMs) {
    Map<String, String> c = new HashMap<>();
    c.put("bootstrap.servers", broker.bootstrapServers());
    c.put("application.id", "result-commit-" + name);
    c.put("state.dir", stateDir.resolve(name).toString());
    c.put("model.path", TestModels.small().toString());
    c.put("output.topic", "results");
    c.put("metrics.port", "0");
    // One thread: no second member whose join would move a task and commit it on revocation.
    c.put("num.stream.threads", "1");
    c.put("commit.interval.ms", TEN_MINUTES);
    // Kafka Streams refuses a commit interval longer than the transaction timeout (10 s under EOS).
    c.put("producer.transaction.timeout.ms", TEN_MINUTES);
    c.put("result.commit.interval.ms", resultCommitMs);
    return GnsConfig.fromMap(c);
  }

  /** Waits until a read_uncommitted consumer sees {@code count} results: written, not committed. */
  private static void awaitWrittenUncommitted(TestBroker broker, int count) {
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                broker.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_uncommitted",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false),
            new StringDeserializer(),
            new ByteArrayDeserializer())) {
      List<TopicPartition> partitions =
          List.of(new TopicPartition("results", 0), new TopicPartition("results", 1));
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      int[] seen = {0};
      await("results written, uncommitted")
          .atMost(Duration.ofSeconds(90))
          .until(() -> (seen[0] += consumer.poll(Duration.ofMillis(200)).count()) >= count);
      assertThat(seen[0]).isEqualTo(count);
    }
  }

  private static Set<String> keys(List<ConsumerRecord<String, byte[]>> records) {
    return records.stream().map(ConsumerRecord::key).collect(Collectors.toSet());
  }
}
