package googlenet.streams.backfill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import googlenet.streams.testing.CommittedReader;
import googlenet.streams.testing.TestModels;
import googlenet.streams.testing.TransactionProbe;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.clients.admin.TransactionDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A backfill JVM killed hard while a transaction of it is open, and started again with the same
 * name: the resumed command returns only when a read_committed reader sees every result, once.
 * Prints the time from the restart to the first new result as a {@code FIGURE} line; {@code
 * -Dgns.fencing.model=full} runs the full-width synthetic model.
 */
@Timeout(600)
class BackfillResumeIT {
  private static final int IMAGES = 120;
  private static final String MODEL = System.getProperty("gns.fencing.model", "small");
  private static BackfillFixture kafka;
  private static TransactionProbe probe;

  @TempDir Path dir;

  @BeforeAll
  static void startBroker() {
    kafka = BackfillFixture.start();
    probe = new TransactionProbe(kafka.bootstrap());
  }

  @AfterAll
  static void stopBroker() {
    probe.close();
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
            ("full".equals(MODEL) ? TestModels.full() : TestModels.small()).toString(),
            "--config",
            config.toString(),
            "--batch-size",
            "8",
            "--batch-delay-ms",
            "100");
    String group = BackfillRequest.APPLICATION_ID_PREFIX + "killed";

    List<String> slow = new ArrayList<>(args);
    slow.addAll(List.of("--max-rate", "15"));
    Map<String, TransactionDescription> dead = killWhileOpen(group, slow);
    assertThat(dead).as("transactions the killed backfill left open").isNotEmpty();
    long doneAtKill = committed(group);
    assertThat(doneAtKill).isBetween(20L, (long) IMAGES - 1);
    Map<TopicPartition, Long> marks = probe.highWatermarks("kill-out", 2);
    assertThat(probe.lastStable("kill-out", 2))
        .as("the open transaction hides part of the output from read_committed readers")
        .isNotEqualTo(marks);
    BackfillDefinition defined = storedDefinition("killed");
    for (int i = 0; i < 30; i++) {
      kafka.send("kill-in", i % 2, "late-" + i, BackfillFixture.image("late", i), t0 + IMAGES + i);
    }

    long start = System.nanoTime();
    try (BackfillProcess second = BackfillProcess.start(log("second"), args);
        CommittedReader reader = new CommittedReader(kafka.bootstrap(), "kill-out")) {
      long firstNew = awaitExitWatching(second, reader, marks);
      long exited = (System.nanoTime() - start) / 1_000_000;
      long complete = awaitComplete(reader, ids, start);
      System.out.printf(
          Locale.ROOT,
          "FIGURE backfill (model %s): restart -> first new read_committed result %s;"
              + " -> command returned %s; -> every result readable %s%n",
          MODEL,
          seconds(firstNew),
          seconds(exited),
          seconds(complete));
      assertThat(second.awaitExit(0)).as(second.output()).isZero();
      assertThat(second.output())
          .contains("backfill killed resumed and finished")
          .contains("readable by read_committed consumers since");
    }

    assertThat(kafka.resultIds("kill-out")).containsExactlyInAnyOrderElementsOf(ids);
    assertThat(kafka.readAll("kill-out.dlq")).isEmpty();
    assertThat(storedDefinition("killed")).isEqualTo(defined);
    assertThat(defined.partitions()).extracting(PartitionRange::end).containsExactly(60L, 60L);
  }

  /**
   * Starts the backfill and kills it hard once it has committed 20 offsets and a transaction of it
   * is open on the output topic; again (it resumes) when the kill came between two transactions.
   */
  private Map<String, TransactionDescription> killWhileOpen(String group, List<String> args)
      throws Exception {
    Map<String, TransactionDescription> dead = Map.of();
    for (int attempt = 1; dead.isEmpty() && attempt <= 3; attempt++) {
      try (BackfillProcess first = BackfillProcess.start(log("first-" + attempt), args)) {
        long target = committed(group) + 20;
        await()
            .atMost(Duration.ofSeconds(90))
            .pollInterval(Duration.ofMillis(200))
            .failFast(() -> !first.isAlive())
            .until(() -> committed(group) >= target);
        dead =
            probe.killWhileOpen(group + "-", "kill-out", Duration.ofSeconds(60), first::killHard);
      }
    }
    return dead;
  }

  /**
   * Waits for the backfill to exit, reading the output as it goes.
   *
   * @return milliseconds from now to the first result read at or past its partition's mark, -1 if
   *     none was before the exit
   */
  private static long awaitExitWatching(
      BackfillProcess backfill, CommittedReader reader, Map<TopicPartition, Long> marks)
      throws Exception {
    long start = System.nanoTime();
    long deadline = start + Duration.ofSeconds(150).toNanos();
    long firstNew = -1;
    while (backfill.isAlive() && System.nanoTime() < deadline) {
      reader.poll();
      if (firstNew < 0
          && reader.records("kill-out").stream()
              .anyMatch(
                  r -> r.offset() >= marks.get(new TopicPartition(r.topic(), r.partition())))) {
        firstNew = (System.nanoTime() - start) / 1_000_000;
      }
    }
    backfill.awaitExit(10);
    return firstNew;
  }

  /**
   * Milliseconds from {@code start} until a read_committed reader has every result of {@code ids},
   * -1 when that takes more than three minutes (the killed run's transaction times out in two).
   */
  private static long awaitComplete(CommittedReader reader, List<String> ids, long start) {
    long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
    while (System.nanoTime() < deadline) {
      reader.poll();
      List<String> read =
          reader.records("kill-out").stream()
              .map(r -> BackfillFixture.decode(r).getImageId().toString())
              .toList();
      if (read.containsAll(ids)) {
        return (System.nanoTime() - start) / 1_000_000;
      }
    }
    return -1;
  }

  private static String seconds(long ms) {
    return ms < 0 ? "not within the watch" : String.format(Locale.ROOT, "%.1f s", ms / 1e3);
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
