package googlenet.streams.backfill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import googlenet.streams.testing.TestModels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A backfill JVM killed hard mid-run and started again with the same name. */
@Timeout(240)
class BackfillResumeIT {
  private static final int IMAGES = 120;
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
  void shouldResumeAfterAHardKillWithTheSameEndOffsetsAndLabelEveryImageExactlyOnce()
      throws Exception {
    kafka.broker.createTopic("kill-in", 2);
    kafka.broker.createTopic("kill-out", 2);
    long t0 = System.currentTimeMillis() - 600_000;
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < IMAGES; i++) {
      String id = "img-" + i;
      ids.add(id);
      kafka.send("kill-in", i % 2, id, BackfillFixture.image(id, i), t0 + i);
    }
    Path config = dir.resolve("backfill.properties");
    Files.writeString(
        config,
        "state.dir=" + dir.resolve("state") + "\nmodel.warmup=false\n",
        StandardCharsets.UTF_8);
    List<String> args =
        List.of(
            "--name",
            "killed",
            "--input",
            "kill-in",
            "--output",
            "kill-out",
            "--bootstrap-servers",
            kafka.bootstrap(),
            "--model",
            TestModels.small().toString(),
            "--config",
            config.toString(),
            "--batch-size",
            "8",
            "--batch-delay-ms",
            "100");
    String group = BackfillRequest.APPLICATION_ID_PREFIX + "killed";

    List<String> slow = new ArrayList<>(args);
    slow.addAll(List.of("--max-rate", "15"));
    try (BackfillProcess first = BackfillProcess.start(log("first"), slow)) {
      await()
          .atMost(Duration.ofSeconds(90))
          .pollInterval(Duration.ofMillis(200))
          .failFast(() -> !first.isAlive())
          .until(() -> committed(group) >= 20);
      first.killHard();
    }
    long doneAtKill = committed(group);
    assertThat(doneAtKill).isBetween(20L, (long) IMAGES - 1);
    BackfillDefinition defined = storedDefinition("killed");
    for (int i = 0; i < 30; i++) {
      kafka.send("kill-in", i % 2, "late-" + i, BackfillFixture.image("late", i), t0 + IMAGES + i);
    }

    try (BackfillProcess second = BackfillProcess.start(log("second"), args)) {
      assertThat(second.awaitExit(150)).as(second.output()).isZero();
      assertThat(second.output()).contains("backfill killed resumed and finished");
    }

    assertThat(kafka.resultIds("kill-out")).containsExactlyInAnyOrderElementsOf(ids);
    assertThat(kafka.readAll("kill-out.dlq")).isEmpty();
    assertThat(storedDefinition("killed")).isEqualTo(defined);
    assertThat(defined.partitions()).extracting(PartitionRange::end).containsExactly(60L, 60L);
  }

  private static Path log(String name) throws java.io.IOException {
    Path logs = Files.createDirectories(Path.of("target", "backfill-it-logs"));
    return logs.resolve("resume-" + name + ".log");
  }

  private static long committed(String group) throws Exception {
    Map<TopicPartition, Long> offsets = kafka.groupOffsets(group);
    return offsets.values().stream().mapToLong(Long::longValue).sum();
  }

  private static BackfillDefinition storedDefinition(String name) throws Exception {
    List<ConsumerRecord<String, byte[]>> all = kafka.readAll(DefinitionStore.DEFAULT_TOPIC);
    List<BackfillDefinition> mine =
        all.stream()
            .filter(r -> name.equals(r.key()))
            .map(r -> BackfillDefinition.fromJson(r.value()))
            .toList();
    assertThat(mine).hasSize(1);
    return mine.get(0);
  }
}
