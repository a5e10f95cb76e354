package googlenet.streams.backfill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import googlenet.streams.config.GnsConfig;
import googlenet.streams.service.ClassificationService;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The live service keeps its offsets and output while a backfill reads the same topic. */
@Timeout(180)
class BackfillBesideLiveIT {
  private static final String LIVE_GROUP = "googlenet-streams-live-beside-backfill";
  private static final int IMAGES = 40;
  private static BackfillFixture kafka;

  @TempDir Path dir;

  @BeforeAll
  static void startBroker() {
    kafka = BackfillFixture.start();
  }

  @AfterAll
  static void stopBroker() {
    kafka.close();
  }

  @Test
  void shouldLeaveTheLiveGroupsOffsetsAndOutputUntouched() throws Exception {
    kafka.broker.createTopic("shared-in", 2);
    kafka.broker.createTopic("live-out", 2);
    kafka.broker.createTopic("live-dlq", 2);
    kafka.broker.createTopic("relabelled", 2);
    List<String> ids = new ArrayList<>();
    long t0 = System.currentTimeMillis() - 60_000;
    for (int i = 0; i < IMAGES; i++) {
      ids.add("img-" + i);
      kafka.send("shared-in", i % 2, "img-" + i, BackfillFixture.image("img-" + i, i), t0 + i);
    }
    try (ClassificationService live = ClassificationService.create(liveConfig())) {
      live.start();
      await()
          .atMost(Duration.ofSeconds(90))
          .pollInterval(Duration.ofMillis(500))
          .until(() -> liveCommitted() == IMAGES && kafka.readAll("live-out").size() == IMAGES);
      Map<TopicPartition, Long> liveOffsets = kafka.groupOffsets(LIVE_GROUP);
      List<String> liveOutput = values(kafka.readAll("live-out"));

      BackfillRequest request =
          BackfillRequest.of(
              "beside-live", "shared-in", "relabelled", TimeBound.earliest(), TimeBound.now());
      BackfillSummary summary =
          Backfill.run(request, kafka.config(dir.resolve("backfill-state")), p -> {});

      assertThat(summary.images()).isEqualTo(IMAGES);
      assertThat(kafka.resultIds("relabelled")).containsExactlyInAnyOrderElementsOf(ids);
      assertThat(kafka.groupOffsets(LIVE_GROUP)).isEqualTo(liveOffsets);
      List<ConsumerRecord<String, byte[]>> liveAfter = kafka.readAll("live-out");
      assertThat(values(liveAfter)).isEqualTo(liveOutput);
      assertThat(liveAfter).allMatch(r -> BackfillFixture.header(r, RangeGate.HEADER) == null);
      assertThat(kafka.groupOffsets(request.applicationId()).keySet())
          .allMatch(tp -> tp.topic().equals("shared-in"));

      kafka.send(
          "shared-in", 0, "after-backfill", BackfillFixture.image("after-backfill", 99), t0 + 99);
      try {
        await()
            .atMost(Duration.ofSeconds(60))
            .pollInterval(Duration.ofMillis(500))
            .until(() -> kafka.resultIds("live-out").contains("after-backfill"));
      } catch (org.awaitility.core.ConditionTimeoutException e) {
        throw new AssertionError(
            "live service did not label a new record: state "
                + live.state()
                + ", live offsets "
                + kafka.groupOffsets(LIVE_GROUP)
                + ", live output "
                + kafka.resultIds("live-out"),
            e);
      }
      assertThat(kafka.resultIds("relabelled")).doesNotContain("after-backfill");
    }
  }

  private GnsConfig liveConfig() {
    Map<String, String> overrides = new HashMap<>();
    overrides.put("application.id", LIVE_GROUP);
    overrides.put("input.topic", "shared-in");
    overrides.put("output.topic", "live-out");
    overrides.put("dlq.topic", "live-dlq");
    overrides.put("batch.max.size", "4");
    return kafka.config(dir.resolve("live-state")).with(overrides);
  }

  private long liveCommitted() throws Exception {
    return kafka.groupOffsets(LIVE_GROUP).values().stream().mapToLong(Long::longValue).sum();
  }

  private static List<String> values(List<ConsumerRecord<String, byte[]>> records) {
    return records.stream()
        .map(
            r ->
                r.topic()
                    + "-"
                    + r.partition()
                    + "@"
                    + r.offset()
                    + ":"
                    + r.key()
                    + ":"
                    + java.util.Arrays.hashCode(r.value()))
        .toList();
  }
}
