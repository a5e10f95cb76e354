package googlenet.streams.service;

import static org.assertj.core.api.Assertions.assertThat;

import googlenet.streams.testing.BrokerKind;
import googlenet.streams.testing.CommittedReader;
import googlenet.streams.testing.KafkaBrokers;
import googlenet.streams.testing.ServiceProcess;
import googlenet.streams.testing.TestBroker;
import googlenet.streams.testing.TestInputs;
import googlenet.streams.testing.TestModels;
import googlenet.streams.testing.TestProducer;
import googlenet.streams.tools.demo.SampleInput;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Kills the service JVM hard (kill -9) while it works through a stream of images, restarts it, and
 * checks that a read_committed consumer sees every image exactly once.
 */
class CrashRecoveryIT {
  private static final int WARMUP = 10;
  private static final int STREAMED = 390;
  private static final int BAD = 10;

  @TempDir Path dir;

  @ParameterizedTest(name = "{0}")
  @MethodSource("googlenet.streams.testing.KafkaBrokers#available")
  void shouldLoseNothingAndDuplicateNothingWhenKilledMidRun(BrokerKind kind) throws Exception {
    List<SampleInput> inputs = TestInputs.mixed(WARMUP + STREAMED - BAD, BAD);
    try (TestBroker broker = KafkaBrokers.start(kind);
        TestProducer producer = new TestProducer(broker.bootstrapServers(), "images")) {
      broker.createTopic("images", 2);
      broker.createTopic("classifications", 2);
      broker.createTopic("images.dlq", 1);
      Map<String, String> config = config(broker);
      try (CommittedReader reader =
          new CommittedReader(broker.bootstrapServers(), "classifications", "images.dlq")) {
        CountDownLatch killed = new CountDownLatch(1);
        CompletableFuture<Void> streaming;
        try (ServiceProcess first = ServiceProcess.start(dir, config, "first")) {
          producer.send(inputs.subList(0, WARMUP));
          awaitOutputs(reader, WARMUP, first);
          streaming = streamSlowly(producer, inputs.subList(WARMUP, inputs.size()), killed);
          awaitOutputs(reader, WARMUP + 30, first);
          first.killHard();
          killed.countDown();
        }
        streaming.get(60, TimeUnit.SECONDS);
        try (ServiceProcess second = ServiceProcess.start(dir, config, "second")) {
          awaitOutputs(reader, inputs.size(), second);
          reader.drain(Duration.ofSeconds(2));
          assertThat(second.terminate()).as("exit status after SIGTERM").isEqualTo(143);
          assertThat(second.output()).contains("Service stopped in");
        }
        assertExactlyOnce(reader, inputs);
      }
    }
  }

  private Map<String, String> config(TestBroker broker) throws Exception {
    Path stateDir = Files.createDirectories(dir.resolve("state"));
    return Map.of(
        "bootstrap.servers",
        broker.bootstrapServers(),
        "application.id",
        "crash-" + broker.kind().name().toLowerCase(java.util.Locale.ROOT),
        "state.dir",
        stateDir.toString(),
        "model.path",
        TestModels.small().toString(),
        "batch.max.size",
        "8",
        "batch.max.delay.ms",
        "20",
        "group.instance.id",
        "crash-test-instance",
        "session.timeout.ms",
        "10000",
        "metrics.port",
        "0");
  }

  /**
   * Sends the images ten at a time, 50 ms apart; the last 50 only once the service was killed, so
   * the kill always comes while images are still arriving.
   */
  private static CompletableFuture<Void> streamSlowly(
      TestProducer producer, List<SampleInput> rest, CountDownLatch killed) {
    return CompletableFuture.runAsync(
        () -> {
          try {
            for (int i = 0; i < rest.size(); i += 10) {
              if (i == rest.size() - 50 && !killed.await(90, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the service was not killed within 90 s");
              }
              producer.send(rest.subList(i, Math.min(rest.size(), i + 10)));
              Thread.sleep(50);
            }
          } catch (Exception e) {
            throw new IllegalStateException("streaming the images failed", e);
          }
        });
  }

  private static void awaitOutputs(CommittedReader reader, int count, ServiceProcess service) {
    try {
      reader.awaitRecords(r -> true, count, Duration.ofSeconds(90));
    } catch (RuntimeException e) {
      throw new AssertionError(
          "fewer than "
              + count
              + " outputs; service alive="
              + service.isAlive()
              + ", its output:\n"
              + service.output(),
          e);
    }
  }

  /** Every good input labelled once, every bad one dead-lettered once, nothing else. */
  static void assertExactlyOnce(CommittedReader reader, List<SampleInput> inputs) {
    Set<String> good = ids(inputs, true);
    Set<String> bad = ids(inputs, false);
    List<String> results = keys(reader.records("classifications"));
    List<String> dead = keys(reader.records("images.dlq"));
    assertThat(results).doesNotHaveDuplicates().hasSameSizeAs(good);
    assertThat(Set.copyOf(results)).isEqualTo(good);
    assertThat(dead).doesNotHaveDuplicates().hasSameSizeAs(bad);
    assertThat(Set.copyOf(dead)).isEqualTo(bad);
  }

  private static Set<String> ids(List<SampleInput> inputs, boolean good) {
    return inputs.stream()
        .filter(i -> i.good() == good)
        .map(SampleInput::id)
        .collect(Collectors.toSet());
  }

  private static List<String> keys(List<ConsumerRecord<String, byte[]>> records) {
    return records.stream().map(ConsumerRecord::key).toList();
  }
}
