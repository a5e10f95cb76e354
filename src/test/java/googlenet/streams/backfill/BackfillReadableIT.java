package googlenet.streams.backfill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import googlenet.streams.config.GnsConfig;
import googlenet.streams.testing.CapturedLog;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A backfill whose output topic holds another producer's open transaction, which hides every later
 * record from read_committed readers: the backfill reports finished only once its results are
 * readable, and fails naming the transaction when that does not happen in time.
 */
@Timeout(180)
class BackfillReadableIT {
  private static final int IMAGES = 6;
  private static BackfillFixture kafka;

  @TempDir Path state;

  @BeforeAll
  static void startBroker() {
    kafka = BackfillFixture.start();
  }

  @AfterAll
  static void stopBroker() {
    kafka.close();
  }

  @Test
  void shouldReportFinishedOnlyWhenAnotherProducersOpenTransactionNoLongerHidesItsResults()
      throws Exception {
    List<String> ids = images("vis");
    try (KafkaProducer<String, String> foreign = openTransaction("vis-out");
        CapturedLog log = CapturedLog.of(BackfillRun.class)) {
      BackfillRequest request = request("vis");
      CompletableFuture<Instant> committed =
          CompletableFuture.supplyAsync(
              () -> commitOnceClosed(foreign, log, request.applicationId()));

      BackfillSummary summary = Backfill.run(request, kafka.config(state), p -> {});

      assertThat(summary.readableAt()).isAfterOrEqualTo(committed.get(30, TimeUnit.SECONDS));
      assertThat(summary.images()).isEqualTo(IMAGES);
      assertThat(summary.describe()).contains("readable by read_committed consumers since");
    }
    assertThat(
            kafka.readAll("vis-out").stream()
                .filter(r -> BackfillFixture.header(r, RangeGate.HEADER) != null)
                .map(r -> BackfillFixture.decode(r).getImageId().toString()))
        .containsExactlyInAnyOrderElementsOf(ids);
  }

  @Test
  void shouldFailNamingTheOpenTransactionThatOutlastsTheWait() throws Exception {
    images("stuck");
    GnsConfig config = kafka.config(state).with(Map.of("producer.transaction.timeout.ms", "5000"));
    try (KafkaProducer<String, String> foreign = openTransaction("stuck-out")) {
      assertThatThrownBy(() -> Backfill.run(request("stuck"), config, p -> {}))
          .isInstanceOf(BackfillException.class)
          .hasMessageContaining("backfill stuck: its results are committed but not readable")
          .hasMessageContaining("after 15 s")
          .hasMessageContaining("stuck-out-0 last stable offset 0 < ")
          .hasMessageContaining("held by the open transaction of producer id")
          .hasMessageContaining("run the command again");
    }
  }

  /** Creates {@code <name>-in} and {@code -out} and sends the images to the input. */
  private static List<String> images(String name) throws Exception {
    kafka.broker.createTopic(name + "-in", 1);
    kafka.broker.createTopic(name + "-out", 1);
    long t0 = System.currentTimeMillis() - 60_000;
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < IMAGES; i++) {
      ids.add(name + "-" + i);
      kafka.send(name + "-in", 0, name + "-" + i, BackfillFixture.image(name + "-" + i, i), t0 + i);
    }
    return ids;
  }

  private static BackfillRequest request(String name) {
    return BackfillRequest.of(
        name, name + "-in", name + "-out", TimeBound.earliest(), TimeBound.now());
  }

  /** A producer whose transaction wrote one record to {@code topic} and stays open. */
  private static KafkaProducer<String, String> openTransaction(String topic) throws Exception {
    KafkaProducer<String, String> producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                kafka.bootstrap(),
                ProducerConfig.TRANSACTIONAL_ID_CONFIG,
                "foreign-" + topic,
                ProducerConfig.TRANSACTION_TIMEOUT_CONFIG,
                60_000),
            new StringSerializer(),
            new StringSerializer());
    producer.initTransactions();
    producer.beginTransaction();
    producer
        .send(new ProducerRecord<>(topic, 0, "foreign", "not a result"))
        .get(30, TimeUnit.SECONDS);
    return producer;
  }

  /**
   * Commits the foreign transaction once the backfill has closed its streams instance (its range
   * done and its static member gone), so it can only be waiting for its results to be readable.
   */
  private static Instant commitOnceClosed(
      KafkaProducer<String, String> foreign, CapturedLog log, String group) {
    await("the backfill closed")
        .atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofMillis(100))
        .until(
            () ->
                log.messages().stream().anyMatch(m -> m.contains("range done"))
                    && members(group).isEmpty());
    foreign.commitTransaction();
    return Instant.now();
  }

  private static java.util.Collection<?> members(String group) throws Exception {
    ConsumerGroupDescription d =
        kafka
            .admin
            .describeConsumerGroups(List.of(group))
            .all()
            .get(30, TimeUnit.SECONDS)
            .get(group);
    return d.members();
  }
}
