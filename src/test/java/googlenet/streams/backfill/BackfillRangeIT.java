package googlenet.streams.backfill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import googlenet.streams.avro.Classification;
import googlenet.streams.cli.Main;
import googlenet.streams.topology.DeadLetterHeaders;
import googlenet.streams.topology.ResultHeaders;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A backfill against a real broker: range, output, and each refusal writing nothing. */
@Timeout(180)
class BackfillRangeIT {
  private static final long MINUTE = 60_000L;
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
  void shouldLabelOnlyRecordsInsideTheTimeRangeExactlyOnce() throws Exception {
    kafka.broker.createTopic("range-in", 2);
    kafka.broker.createTopic("range-out", 2);
    long t0 = System.currentTimeMillis() - 60 * MINUTE;
    List<String> inside = new ArrayList<>();
    byte[] broken = BackfillFixture.brokenImage("inside-broken");
    for (int p = 0; p < 2; p++) {
      for (int i = 0; i < 3; i++) {
        kafka.send("range-in", p, "before-" + p + i, BackfillFixture.image("b", i), t0 + i);
      }
      for (int i = 0; i < 5; i++) {
        String id = "inside-" + p + i;
        inside.add(id);
        kafka.send("range-in", p, id, BackfillFixture.image(id, i), t0 + 10 * MINUTE + i);
      }
      if (p == 1) {
        kafka.send("range-in", p, "inside-broken", broken, t0 + 15 * MINUTE);
      }
      for (int i = 0; i < 2; i++) {
        kafka.send(
            "range-in", p, "after-" + p + i, BackfillFixture.image("a", i), t0 + 30 * MINUTE + i);
      }
    }
    kafka.send("range-in", 1, "after-late", BackfillFixture.image("l", 9), t0 + 40 * MINUTE);

    BackfillRequest request =
        BackfillRequest.of(
            "range",
            "range-in",
            "range-out",
            TimeBound.at(Instant.ofEpochMilli(t0 + 5 * MINUTE)),
            TimeBound.at(Instant.ofEpochMilli(t0 + 20 * MINUTE)));
    BackfillSummary summary = Backfill.run(request, kafka.config(state), p -> {});

    assertThat(summary.images()).isEqualTo(10);
    assertThat(summary.deadLetters()).isEqualTo(1);
    assertThat(summary.total()).isEqualTo(11);
    assertThat(summary.resumed()).isFalse();
    List<ConsumerRecord<String, byte[]>> results = kafka.readAll("range-out");
    assertThat(results)
        .extracting(r -> BackfillFixture.decode(r).getImageId().toString())
        .containsExactlyInAnyOrderElementsOf(inside);
    for (ConsumerRecord<String, byte[]> r : results) {
      Classification c = BackfillFixture.decode(r);
      assertThat(BackfillFixture.header(r, RangeGate.HEADER)).isEqualTo("range");
      assertThat(BackfillFixture.header(r, ResultHeaders.MODEL_VERSION))
          .isEqualTo(c.getModel().getVersion().toString());
      assertThat(r.key()).isEqualTo(c.getImageId().toString());
      assertThat(c.getSource().getTopic().toString()).isEqualTo("range-in");
    }
    List<ConsumerRecord<String, byte[]>> dead = kafka.readAll("range-out.dlq");
    assertThat(dead).hasSize(1);
    assertThat(dead.get(0).key()).isEqualTo("inside-broken");
    assertThat(dead.get(0).value()).isEqualTo(broken);
    assertThat(BackfillFixture.header(dead.get(0), DeadLetterHeaders.REASON)).isNotBlank();
    assertThat(kafka.groupOffsets(request.applicationId()).values()).allMatch(o -> o >= 0);
  }

  /**
   * Partition 0's range ends at its last record; partition 1's at a transaction's commit marker,
   * seen to end when the record after the range arrives. The last partial batches run when each
   * range ends, not after the batch delay (60 s, the longest allowed).
   */
  @Test
  void shouldRunTheLastPartialBatchWhenTheRangeEndsWithoutWaitingForTheDelay() throws Exception {
    kafka.broker.createTopic("end-in", 2);
    kafka.broker.createTopic("end-out", 2);
    long t0 = System.currentTimeMillis() - 60 * MINUTE;
    List<String> inside = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      inside.add("end-0" + i);
      kafka.send("end-in", 0, "end-0" + i, BackfillFixture.image("end-0" + i, i), t0 + i);
    }
    List<String> inTransaction = List.of("end-10", "end-11", "end-12");
    inside.addAll(inTransaction);
    kafka.sendInTransaction("end-in", 1, inTransaction, t0);
    kafka.send("end-in", 1, "after", BackfillFixture.image("after", 7), t0 + 30 * MINUTE);
    BackfillRequest request =
        BackfillRequest.of(
                "end",
                "end-in",
                "end-out",
                TimeBound.earliest(),
                TimeBound.at(Instant.ofEpochMilli(t0 + 20 * MINUTE)))
            .withBatchDelay(Duration.ofSeconds(60));

    BackfillSummary summary = Backfill.run(request, kafka.config(state), p -> {});

    assertThat(summary.images()).isEqualTo(6);
    assertThat(summary.duration()).isLessThan(request.batchDelay());
    assertThat(kafka.resultIds("end-out")).containsExactlyInAnyOrderElementsOf(inside);
  }

  @Test
  void shouldRefuseAnEmptyRangeAndWriteNothing() throws Exception {
    kafka.broker.createTopic("empty-in", 1);
    kafka.broker.createTopic("empty-out", 1);
    long t0 = System.currentTimeMillis() - 60 * MINUTE;
    kafka.send("empty-in", 0, "old", BackfillFixture.image("old", 1), t0);
    kafka.send("empty-in", 0, "new", BackfillFixture.image("new", 2), t0 + 50 * MINUTE);
    BackfillRequest request =
        BackfillRequest.of(
            "empty",
            "empty-in",
            "empty-out",
            TimeBound.at(Instant.ofEpochMilli(t0 + 10 * MINUTE)),
            TimeBound.at(Instant.ofEpochMilli(t0 + 20 * MINUTE)));

    assertThatThrownBy(() -> Backfill.run(request, kafka.config(state), p -> {}))
        .isInstanceOf(BackfillException.class)
        .hasMessageContaining("no records between")
        .hasMessageContaining("empty-in");
    assertNothingWritten(request);
  }

  @Test
  void shouldRefuseARangeEntirelyInTheFutureAndWriteNothing() throws Exception {
    kafka.broker.createTopic("future-in", 1);
    kafka.broker.createTopic("future-out", 1);
    kafka.send("future-in", 0, "x", BackfillFixture.image("x", 1), System.currentTimeMillis());
    Instant from = Instant.now().plusSeconds(3600);
    BackfillRequest request =
        BackfillRequest.of(
            "future", "future-in", "future-out", TimeBound.at(from), TimeBound.now());

    assertThatThrownBy(() -> Backfill.run(request, kafka.config(state), p -> {}))
        .isInstanceOf(BackfillException.class)
        .hasMessageContaining("--from " + from)
        .hasMessageContaining("in the future");
    assertNothingWritten(request);
  }

  @Test
  void shouldRefuseATopicThatDoesNotExistAndWriteNothing() throws Exception {
    kafka.broker.createTopic("exists-out", 1);
    BackfillRequest request =
        BackfillRequest.of(
            "missing", "no-such-topic", "exists-out", TimeBound.earliest(), TimeBound.now());

    assertThatThrownBy(() -> Backfill.run(request, kafka.config(state), p -> {}))
        .isInstanceOf(BackfillException.class)
        .hasMessageContaining("--input topic 'no-such-topic' does not exist");
    assertNothingWritten(request);
  }

  @Test
  void shouldRefuseANameReusedForAnotherRangeAndWriteNothing() throws Exception {
    kafka.broker.createTopic("reuse-in", 1);
    kafka.broker.createTopic("reuse-out", 1);
    long t0 = System.currentTimeMillis() - 60 * MINUTE;
    for (int i = 0; i < 3; i++) {
      kafka.send("reuse-in", 0, "r" + i, BackfillFixture.image("r" + i, i), t0 + i * MINUTE);
    }
    TimeBound to = TimeBound.at(Instant.ofEpochMilli(t0 + 2 * MINUTE));
    BackfillRequest first =
        BackfillRequest.of("reuse", "reuse-in", "reuse-out", TimeBound.earliest(), to);
    assertThat(Backfill.run(first, kafka.config(state), p -> {}).images()).isEqualTo(2);
    Map<?, Long> offsets = kafka.groupOffsets(first.applicationId());
    List<ConsumerRecord<String, byte[]>> definitions = kafka.readAll(DefinitionStore.DEFAULT_TOPIC);

    BackfillRequest other =
        BackfillRequest.of("reuse", "reuse-in", "reuse-out", TimeBound.earliest(), TimeBound.now());
    assertThatThrownBy(() -> Backfill.run(other, kafka.config(state), p -> {}))
        .isInstanceOf(BackfillException.class)
        .hasMessageContaining("backfill 'reuse' was defined with")
        .hasMessageContaining("--to " + to)
        .hasMessageContaining("--restart");

    assertThat(kafka.resultIds("reuse-out")).containsExactlyInAnyOrder("r0", "r1");
    assertThat(kafka.groupOffsets(first.applicationId())).isEqualTo(offsets);
    assertThat(kafka.readAll(DefinitionStore.DEFAULT_TOPIC)).hasSameSizeAs(definitions);
  }

  @Test
  void shouldStartOverWithANewRangeOnRestart() throws Exception {
    kafka.broker.createTopic("again-in", 1);
    kafka.broker.createTopic("again-out", 1);
    long t0 = System.currentTimeMillis() - 60 * MINUTE;
    for (int i = 0; i < 3; i++) {
      kafka.send("again-in", 0, "g" + i, BackfillFixture.image("g" + i, i), t0 + i * MINUTE);
    }
    BackfillRequest first =
        BackfillRequest.of(
            "again",
            "again-in",
            "again-out",
            TimeBound.earliest(),
            TimeBound.at(Instant.ofEpochMilli(t0 + MINUTE)));
    assertThat(Backfill.run(first, kafka.config(state), p -> {}).images()).isEqualTo(1);

    BackfillRequest wider =
        BackfillRequest.of("again", "again-in", "again-out", TimeBound.earliest(), TimeBound.now())
            .withRestart(true);
    BackfillSummary summary = Backfill.run(wider, kafka.config(state), p -> {});

    assertThat(summary.images()).isEqualTo(3);
    assertThat(summary.resumed()).isFalse();
    assertThat(kafka.resultIds("again-out")).containsExactlyInAnyOrder("g0", "g0", "g1", "g2");
  }

  @Test
  void shouldFinishWhenTheRangeEndsInATransactionMarker() throws Exception {
    kafka.broker.createTopic("tx-in", 1);
    kafka.broker.createTopic("tx-out", 1);
    List<String> ids = List.of("t0", "t1", "t2", "t3", "t4");
    kafka.sendInTransaction("tx-in", 0, ids, System.currentTimeMillis() - MINUTE);
    BackfillRequest request =
        BackfillRequest.of("tx", "tx-in", "tx-out", TimeBound.earliest(), TimeBound.now());

    BackfillSummary summary = Backfill.run(request, kafka.config(state), p -> {});

    assertThat(summary.total()).isEqualTo(6);
    assertThat(summary.images()).isEqualTo(5);
    assertThat(kafka.resultIds("tx-out")).containsExactlyInAnyOrderElementsOf(ids);
    try (TailProbe probe =
        new TailProbe(Map.of("bootstrap.servers", kafka.bootstrap()), "tx-in", true)) {
      assertThat(probe.noneLeft(0, 5, 6)).as("only the commit marker at 5").isTrue();
      assertThat(probe.noneLeft(0, 4, 6)).as("image t4 at 4").isFalse();
    }
  }

  @Test
  void shouldExitNonZeroNamingABadTimeAndItsFormat() {
    StringWriter err = new StringWriter();
    int code =
        Main.newCommandLine()
            .setErr(new PrintWriter(err))
            .execute(
                "backfill",
                "--name",
                "bad",
                "--input",
                "a",
                "--output",
                "b",
                "--from",
                "yesterday",
                "--bootstrap-servers",
                kafka.bootstrap());

    assertThat(code).isNotZero();
    assertThat(err.toString())
        .contains("--from 'yesterday' is not a valid time")
        .contains("2026-11-20T00:00:00Z");
  }

  @Test
  void shouldExitNonZeroWhenFromIsAfterTo() {
    StringWriter err = new StringWriter();
    int code =
        Main.newCommandLine()
            .setErr(new PrintWriter(err))
            .execute(
                "backfill",
                "--name",
                "order",
                "--input",
                "a",
                "--output",
                "b",
                "--from",
                "2026-11-21T00:00:00Z",
                "--to",
                "2026-11-20",
                "--bootstrap-servers",
                kafka.bootstrap());

    assertThat(code).isNotZero();
    assertThat(err.toString())
        .contains("--from 2026-11-21T00:00:00Z is not before --to 2026-11-20T00:00:00Z");
  }

  @Test
  void shouldExitNonZeroFromTheCommandLineForAMissingTopic() {
    StringWriter err = new StringWriter();
    int code =
        Main.newCommandLine()
            .setErr(new PrintWriter(err))
            .execute(
                "backfill",
                "--name",
                "cli-missing",
                "--input",
                "nope-in",
                "--output",
                "nope-out",
                "--bootstrap-servers",
                kafka.bootstrap(),
                "--model",
                "synthetic-small");

    assertThat(code).isEqualTo(1);
    assertThat(err.toString()).contains("--input topic 'nope-in' does not exist");
  }

  private void assertNothingWritten(BackfillRequest request) throws Exception {
    assertThat(kafka.readAll(request.outputTopic())).isEmpty();
    assertThat(kafka.readAll(request.dlqTopic())).isEmpty();
    assertThat(kafka.groupOffsets(request.applicationId())).isEmpty();
    assertThat(kafka.readAll(DefinitionStore.DEFAULT_TOPIC))
        .noneMatch(r -> request.name().equals(r.key()));
  }
}
