package googlenet.streams.service;

import static org.assertj.core.api.Assertions.assertThat;

import googlenet.streams.testing.KafkaBrokers;
import googlenet.streams.testing.ServiceProcess;
import googlenet.streams.testing.TestBroker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A rolling restart under load: two service JVMs of one application, each a static member ({@code
 * group.instance.id}), are stopped in turn with SIGTERM and started again on the same state
 * directory while images keep arriving. A read_committed reader sees every image exactly once. The
 * longest pause of each output partition's results during each restart, the time from SIGTERM to
 * exit and from the new start to RUNNING are printed as {@code FIGURE} lines, not asserted.
 */
@Timeout(600)
class RollingRestartIT {
  private static final Duration WATCH = Duration.ofSeconds(120);
  private static final int AFTER_RESTART = 30;
  private static TestBroker broker;

  @TempDir Path dir;

  @BeforeAll
  static void startBroker() {
    broker = KafkaBrokers.start(KafkaBrokers.available().findFirst().orElseThrow());
  }

  @AfterAll
  static void stopBroker() {
    broker.close();
  }

  @Test
  void shouldLoseAndDuplicateNothingWhenEachInstanceIsRestartedInTurnUnderLoad() throws Exception {
    List<ServiceProcess> started = new ArrayList<>();
    try (ServiceCrash crash = new ServiceCrash(broker, dir, "rolling", 2, 4000)) {
      // Longer than a restart takes, as in production (Kafka's default is 45 s): the restarted
      // static member takes its partitions back without a rebalance.
      Map<String, String> extra = Map.of("session.timeout.ms", "30000");
      Map<String, Map<String, String>> configs =
          Map.of(
              "a", crash.config("state-a", "pod-a", extra),
              "b", crash.config("state-b", "pod-b", extra));
      Map<String, ServiceProcess> live = new HashMap<>();
      for (String name : List.of("a", "b")) {
        live.put(name, track(started, crash.start(configs.get(name), name + "-1")));
      }
      for (ServiceProcess p : live.values()) {
        crash.awaitRunning(p);
      }
      crash.warmUpAndStream(live.get("a"));
      Arrivals arrivals = new Arrivals(crash);
      for (String name : List.of("a", "b")) {
        long stop = System.nanoTime();
        int exit = live.get(name).terminate();
        long exited = System.nanoTime();
        ServiceProcess restarted = track(started, crash.start(configs.get(name), name + "-2"));
        live.put(name, restarted);
        long running = arrivals.until(restarted, exited);
        System.out.printf(
            Locale.ROOT,
            "FIGURE rolling restart of %s (%s model): SIGTERM to exit %.1f s (status %d), start to"
                + " RUNNING %.1f s, longest pause of results per output partition %s%n",
            name,
            ServiceCrash.MODEL,
            (exited - stop) / 1e9,
            exit,
            (running - exited) / 1e9,
            arrivals.longestGaps(stop));
      }
      crash.killed();
      crash.assertEveryResultOnce(live.get("b"));
      for (ServiceProcess p : live.values()) {
        assertThat(p.isAlive()).as(p.output()).isTrue();
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

  /** When each result was first read, by output partition. */
  private static final class Arrivals {
    private final ServiceCrash crash;
    private final Map<Integer, List<Long>> byPartition = new HashMap<>();
    private int seen;

    Arrivals(ServiceCrash crash) {
      this.crash = crash;
    }

    /** Reads what arrived, noting the time of this read for each new result. */
    void poll() {
      crash.readCount();
      long now = System.nanoTime();
      List<ConsumerRecord<String, byte[]>> results = crash.results();
      for (int i = seen; i < results.size(); i++) {
        byPartition.computeIfAbsent(results.get(i).partition(), p -> new ArrayList<>()).add(now);
      }
      seen = results.size();
    }

    /**
     * Reads until {@code restarted} is RUNNING and {@link #AFTER_RESTART} results past that arrived
     * on every output partition; returns when it logged RUNNING (nanos, as first seen).
     */
    long until(ServiceProcess restarted, long since) {
      long deadline = System.nanoTime() + WATCH.toNanos();
      long running = -1;
      while (System.nanoTime() < deadline) {
        poll();
        assertThat(restarted.isAlive()).as(restarted.output()).isTrue();
        if (running < 0 && restarted.output().contains("-> RUNNING")) {
          running = System.nanoTime();
        }
        if (running >= 0 && byPartition.size() == ServiceCrash.PARTITIONS && resumed(running)) {
          return running;
        }
      }
      throw new AssertionError(
          "the restarted instance did not run and label within "
              + WATCH.toSeconds()
              + " s; arrivals "
              + longestGaps(since)
              + ", its output:\n"
              + restarted.output());
    }

    private boolean resumed(long since) {
      return byPartition.values().stream()
          .allMatch(t -> t.stream().filter(n -> n > since).count() >= AFTER_RESTART);
    }

    /** The longest time without a new result on each partition since {@code since}, in s. */
    String longestGaps(long since) {
      Map<Integer, String> out = new java.util.TreeMap<>();
      byPartition.forEach(
          (p, times) -> {
            long previous = since;
            long longest = 0;
            for (long t : times) {
              if (t > since) {
                longest = Math.max(longest, t - previous);
                previous = t;
              }
            }
            out.put(p, String.format(Locale.ROOT, "%.1f s", longest / 1e9));
          });
      return out.toString();
    }
  }
}
