package googlenet.streams.service;

import static org.assertj.core.api.Assertions.assertThat;

import googlenet.streams.testing.KafkaBrokers;
import googlenet.streams.testing.ServiceProcess;
import googlenet.streams.testing.TestBroker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.clients.admin.TransactionDescription;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Kills a service JVM hard while one of its transactions is open on the output topic and restarts
 * it as a crashed pod comes back. Until the transaction ends it hides the partitions it wrote to
 * from read_committed readers, and its pending offset commit keeps the restarted instance's task
 * REBALANCING. With the killed run's identity kept (same state directory, or the same {@code
 * group.instance.id}) the restarted service fences it at start, so every result becomes readable
 * long before the transaction would time out (10 minutes here); without it (a new pod of a
 * Deployment) the transaction ends at its timeout, and every result is still readable once. With
 * several instances, only the restarted one's transactions are fenced.
 *
 * <p>Prints the times from the restart (model loaded, fencing done, RUNNING, each blocked partition
 * readable, first new result) as {@code FIGURE} lines in the test output; {@code
 * -Dgns.fencing.model=full} runs the full-width synthetic model for the figures in
 * docs/operations.md.
 */
@Timeout(600)
class RestartFencingIT {
  private static final String TRANSACTION_TIMEOUT = "producer.transaction.timeout.ms";

  /**
   * The transaction timeout of the services: 10 minutes, far beyond the test's waits, so only
   * fencing can end the killed run's transaction in time; {@code -Dgns.fencing.transaction
   * .timeout.ms=10000} (Kafka Streams' default) for figures of what users get without fencing.
   */
  private static final String TIMEOUT_MS =
      System.getProperty("gns.fencing.transaction.timeout.ms", "600000");

  private static final Duration WAIT = Duration.ofSeconds(60);
  private static TestBroker broker;

  @TempDir Path dir;

  /** How the killed instance comes back with its killed run's transactions still fenceable. */
  enum Restart {
    /** The container restarts in its pod: same state directory, dynamic group membership. */
    SAME_STATE_DIRECTORY,
    /** A new pod of a StatefulSet: empty state directory, the same {@code group.instance.id}. */
    NEW_STATE_DIRECTORY_SAME_GROUP_INSTANCE_ID
  }

  @BeforeAll
  static void startBroker() {
    broker = KafkaBrokers.start(KafkaBrokers.available().findFirst().orElseThrow());
  }

  @AfterAll
  static void stopBroker() {
    broker.close();
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Restart.class)
  void shouldMakeEveryResultReadableLongBeforeTheKilledRunsTransactionTimesOut(Restart restart)
      throws Exception {
    String name = restart.name().toLowerCase(Locale.ROOT).replace('_', '-');
    try (ServiceCrash crash = new ServiceCrash(broker, dir, name)) {
      boolean stable = restart == Restart.NEW_STATE_DIRECTORY_SAME_GROUP_INSTANCE_ID;
      String instance = stable ? "pod-0" : null;
      Map<String, String> extra = Map.of(TRANSACTION_TIMEOUT, TIMEOUT_MS);
      Map<String, String> first = crash.config("state-first", instance, extra);
      Map<String, String> second = stable ? crash.config("state-second", instance, extra) : first;
      Restarted restarted = killAndRestart(crash, name, first, second);
      // The dead map is what was open just before the kill; another of the run's transactions may
      // have opened in between, so the restarted service may fence more than these.
      java.util.regex.Matcher fenced =
          java.util.regex.Pattern.compile("Fenced (\\d+) open transaction\\(s\\)")
              .matcher(restarted.output());
      assertThat(fenced.find())
          .as("the restarted service says it fenced the killed run's transactions %s", restarted)
          .isTrue();
      assertThat(Integer.parseInt(fenced.group(1))).isGreaterThanOrEqualTo(restarted.dead().size());
      restarted
          .dead()
          .keySet()
          .forEach(id -> assertThat(restarted.output()).contains("transaction " + id + " "));
    }
  }

  /**
   * A new pod of a Deployment: empty state directory, no {@code group.instance.id}. Nothing ties it
   * to the killed run, so it fences nothing, and the killed run's transaction ends at its timeout
   * (Kafka Streams' default, 10 s, here); every result still becomes readable once.
   */
  @Test
  void shouldMakeEveryResultReadableAfterTheTimeoutWhenNothingTiesTheNewInstanceToTheKilledOne()
      throws Exception {
    try (ServiceCrash crash = new ServiceCrash(broker, dir, "new-state-directory")) {
      Map<String, String> first = crash.config("state-first", null, Map.of());
      Map<String, String> second = crash.config("state-second", null, Map.of());
      Restarted restarted = killAndRestart(crash, "new-state-directory", first, second);
      assertThat(restarted.output())
          .contains("no open transaction of an earlier run")
          .doesNotContain("Fenced ");
    }
  }

  /** What a kill and restart left: the killed run's open transactions, the new process's log. */
  private record Restarted(Map<String, TransactionDescription> dead, String output) {}

  /**
   * Starts an instance on {@code first}, kills it while a transaction is open, restarts it on
   * {@code second}, prints the times of the restart, and checks that every result is readable once.
   */
  private static Restarted killAndRestart(
      ServiceCrash crash, String name, Map<String, String> first, Map<String, String> second)
      throws Exception {
    Map<String, TransactionDescription> dead = killWhileOpen(crash, first);
    assertThat(dead).as("transactions the killed JVM left open").isNotEmpty();
    Map<TopicPartition, Long> marks = crash.highWatermarks();
    Map<TopicPartition, Long> blocked = crash.below(marks);
    assertThat(blocked).as("partitions the open transaction hides from readers").isNotEmpty();
    crash.killed();
    long start = System.nanoTime();
    try (ServiceProcess restarted = crash.start(second, "restarted")) {
      RestartTimes times = crash.watch(restarted, start, marks, blocked);
      System.out.println(times.describe(name, ServiceCrash.MODEL));
      crash.assertEveryResultOnce(restarted);
      return new Restarted(dead, restarted.output());
    }
  }

  /**
   * Two instances of one application share the partitions; a third joins (scale-out) and one of the
   * first two is killed with a transaction open and restarted. Nobody fences a live instance: the
   * joining one fences nothing, the restarted one only its own killed run's transactions.
   */
  @Test
  void shouldFenceOnlyTheRestartedInstancesTransactionsWhileOthersRun() throws Exception {
    List<ServiceProcess> started = new ArrayList<>();
    // Six partitions for three instances of two stream threads: every thread owns a task, so the
    // instance killed surely has transactions open while the others run.
    try (ServiceCrash crash = new ServiceCrash(broker, dir, "scale-out", 6)) {
      Map<String, String> extra = Map.of(TRANSACTION_TIMEOUT, TIMEOUT_MS);
      Map<String, String> configA = crash.config("state-a", null, extra);
      ServiceProcess b = track(started, crash.start(crash.config("state-b", "pod-b", extra), "b"));
      ServiceProcess a = track(started, crash.start(configA, "a-1"));
      crash.warmUp(a);
      ServiceProcess joining =
          track(started, crash.start(crash.config("state-c", null, extra), "c"));
      crash.awaitRunning(joining);
      crash.stream(a);
      String prefixA = crash.app + "-" + identity(configA, crash.app) + "-";
      Map<String, TransactionDescription> dead = Map.of();
      for (int attempt = 1; dead.isEmpty() && attempt <= 3; attempt++) {
        if (attempt > 1) {
          a = track(started, crash.start(configA, "a-" + attempt));
          crash.awaitRunning(a);
        }
        dead = crash.probe().killWhileOpen(prefixA, crash.output, WAIT, a::killHard);
      }
      assertThat(dead).as("transactions the killed instance left open").isNotEmpty();
      crash.killed();
      ServiceProcess restarted = track(started, crash.start(configA, "a-restarted"));
      crash.assertEveryResultOnce(restarted);
      assertThat(restarted.output())
          .as("the restarted instance fences its killed run's transactions %s", dead)
          .containsPattern("Fenced [1-9][0-9]* open transaction\\(s\\)");
      dead.keySet()
          .forEach(id -> assertThat(restarted.output()).contains("transaction " + id + " "));
      for (ServiceProcess live : List.of(b, joining)) {
        assertThat(live.output())
            .as("the log of an instance that was never killed")
            .contains("no open transaction of an earlier run")
            .doesNotContain("Fenced ")
            .doesNotContain("got fenced")
            .doesNotContain("producer is fenced");
      }
    } finally {
      for (ServiceProcess p : started) {
        p.close();
      }
    }
  }

  private static ServiceProcess track(List<ServiceProcess> started, ServiceProcess process) {
    started.add(process);
    return process;
  }

  /** The identity an instance keeps in its state directory. */
  private static String identity(Map<String, String> config, String app) throws Exception {
    return Files.readString(Path.of(config.get("state.dir")).resolve(app + ".instance-id")).trim();
  }

  /**
   * Starts the first instance and kills it hard while a transaction is open; starts it again and
   * retries (up to three kills) when the kill came between two transactions.
   */
  private static Map<String, TransactionDescription> killWhileOpen(
      ServiceCrash crash, Map<String, String> config) throws Exception {
    Map<String, TransactionDescription> dead = Map.of();
    for (int attempt = 1; dead.isEmpty() && attempt <= 3; attempt++) {
      try (ServiceProcess first = crash.start(config, "first-" + attempt)) {
        if (attempt == 1) {
          crash.warmUpAndStream(first);
        } else {
          crash.awaitOutputs(crash.readCount() + 10, first);
        }
        dead = crash.killWhileOpen(first);
      }
    }
    return dead;
  }
}
