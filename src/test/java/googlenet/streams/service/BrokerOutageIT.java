package googlenet.streams.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import googlenet.streams.config.GnsConfig;
import googlenet.streams.testing.CapturedLog;
import googlenet.streams.testing.CommittedReader;
import googlenet.streams.testing.TestInputs;
import googlenet.streams.testing.TestModels;
import googlenet.streams.testing.TestProducer;
import googlenet.streams.tools.broker.EmbeddedKafkaBroker;
import googlenet.streams.tools.demo.SampleInput;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service against a broker that goes away and comes back: the in-JVM broker stopped and started
 * again on the same log directory and ports. The service is given client timeouts of {@link
 * #CLIENT_TIMEOUT} (all of them: request, max.block, delivery, default.api, task and transaction),
 * so an outage of twice that lets every one of them expire, as a minute's outage did with the
 * default ones in issue 14. Prints {@code FIGURE} lines with the recovery times.
 */
class BrokerOutageIT {
  private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(10);
  private static final boolean PRODUCT_TIMEOUTS =
      "product".equals(System.getProperty("gns.outage.timeouts"));
  private static final Duration OUTAGE =
      Duration.ofSeconds(Long.getLong("gns.outage.seconds", CLIENT_TIMEOUT.toSeconds() * 2));
  private static final boolean FULL_MODEL = "full".equals(System.getProperty("gns.outage.model"));
  private static final Duration WAIT = Duration.ofSeconds(120);
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir Path dir;

  @Test
  void shouldStayUpThroughAnOutageOfTwiceTheLongestClientTimeoutAndLabelEveryImageOnce()
      throws Exception {
    List<SampleInput> inputs = TestInputs.mixed(290, 10);
    try (EmbeddedKafkaBroker broker = startBroker();
        TestProducer producer = new TestProducer(broker.bootstrapServers(), "images");
        CommittedReader reader = reader(broker)) {
      ClassificationService service = ClassificationService.create(config(broker, "outage", 0));
      try (ReadinessLog readiness = ReadinessLog.watch(() -> service.ops().health().ready().ok())) {
        service.start();
        readiness.awaitAnswer(true, WAIT);
        CountDownLatch back = new CountDownLatch(1);
        Semaphore sending = new Semaphore(1);
        CompletableFuture<Void> streaming = stream(producer, inputs, sending, back);
        reader.awaitRecords(r -> true, 60, WAIT);

        sending.acquire();
        long stopped = System.nanoTime();
        broker.stop();
        TimeUnit.NANOSECONDS.sleep(OUTAGE.toNanos() - (System.nanoTime() - stopped));
        long restarted = System.nanoTime();
        broker.restart();
        sending.release();
        back.countDown();
        readiness.awaitAnswer(true, WAIT);
        streaming.get(OUTAGE.plus(WAIT).toSeconds(), TimeUnit.SECONDS);
        reader.awaitRecords(r -> true, inputs.size(), WAIT);
        reader.drain(Duration.ofSeconds(2));

        assertThat(service.failure()).isEmpty();
        assertThat(service.state().isRunningOrRebalancing()).isTrue();
        assertThat(readiness.sequence())
            .startsWith(false, true)
            .containsSubsequence(true, false, true);
        assertThat(readiness.firstAfter(stopped, false)).isPositive().isLessThan(restarted);
        CrashRecoveryIT.assertExactlyOnce(reader, inputs);
        figure(
            "outage %s s (%s timeouts, %s model): not ready %s s after the stop; ready again %s s"
                + " after the restart; stream threads replaced: %s",
            seconds(restarted - stopped),
            PRODUCT_TIMEOUTS ? "product" : "test",
            FULL_MODEL ? "full" : "small",
            seconds(readiness.firstAfter(stopped, false) - stopped),
            seconds(readiness.firstAfter(restarted, true) - restarted),
            replacements(service));
        measureCloseUnderLoad(service, producer, reader);
      } finally {
        service.close();
      }
    }
  }

  @Test
  void shouldWaitForABrokerThatIsNotThereYetThenBecomeReadyAndLabelEverything() throws Exception {
    List<SampleInput> inputs = TestInputs.mixed(38, 2);
    try (EmbeddedKafkaBroker broker = startBroker();
        CapturedLog log = CapturedLog.of(BrokerWatch.class)) {
      try (TestProducer producer = new TestProducer(broker.bootstrapServers(), "images")) {
        producer.send(inputs.subList(0, 20));
      }
      broker.stop();
      int port = freePort();
      GnsConfig config = config(broker, "late-broker", port);
      CompletableFuture<ClassificationService> created =
          CompletableFuture.supplyAsync(() -> create(config));

      await().atMost(WAIT).until(() -> log.messages(Level.WARN).size() >= 2);
      HttpResponse<String> waiting = get(port, "/health/ready");
      long restarted = System.nanoTime();
      broker.restart();
      ClassificationService service = created.get(WAIT.toSeconds(), TimeUnit.SECONDS);
      long connected = System.nanoTime();
      try (TestProducer producer = new TestProducer(broker.bootstrapServers(), "images");
          CommittedReader reader = reader(broker)) {
        service.start();
        await().atMost(WAIT).until(() -> get(port, "/health/ready").statusCode() == 200);
        long ready = System.nanoTime();
        producer.send(inputs.subList(20, inputs.size()));
        reader.awaitRecords(r -> true, inputs.size(), WAIT);
        reader.drain(Duration.ofSeconds(2));

        assertThat(created).isDone();
        assertThat(waiting.statusCode()).isEqualTo(503);
        assertThat(waiting.body())
            .contains("Kafka brokers unreachable")
            .contains("model not loaded");
        assertThat(log.messages(Level.WARN))
            .allSatisfy(
                m ->
                    assertThat(m)
                        .contains("Kafka brokers at " + broker.bootstrapServers())
                        .contains("do not answer")
                        .contains("Connection refused"));
        assertThat(service.failure()).isEmpty();
        CrashRecoveryIT.assertExactlyOnce(reader, inputs);
        figure(
            "start-up without a broker: %d warnings while waiting; broker restart -> create()"
                + " returned %s s; -> ready %s s",
            log.messages(Level.WARN).size(),
            seconds(connected - restarted),
            seconds(ready - restarted));
      } finally {
        service.close();
      }
    }
  }

  @Test
  void shouldStopWithAMessageNamingTheOutputTopicWhenTheBrokersSayItDoesNotExist()
      throws Exception {
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start()) {
      broker.createTopics(1, "images", "images.dlq");
      try (TestProducer producer = new TestProducer(broker.bootstrapServers(), "images")) {
        producer.send(TestInputs.mixed(3, 0));
      }
      try (ClassificationService service =
          ClassificationService.create(config(broker, "no-output", 0))) {
        service.start();

        assertThat(service.awaitStop(WAIT)).as("stopped").isTrue();
        assertThat(service.failureMessage())
            .hasValueSatisfying(
                m -> assertThat(m).contains("'classifications'").contains("output.topic"));
        assertThat(service.ops().health().live().ok()).isFalse();
      }
    }
  }

  /** Closes while images arrive and are labelled; reports how long the close took. */
  private static void measureCloseUnderLoad(
      ClassificationService service, TestProducer producer, CommittedReader reader)
      throws Exception {
    int before = reader.records().size();
    CompletableFuture<Void> more =
        stream(producer, TestInputs.mixed(200, 0), new Semaphore(1), new CountDownLatch(0));
    reader.awaitRecords(r -> true, before + 20, WAIT);
    long start = System.nanoTime();
    service.close();
    long closed = System.nanoTime();
    more.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    assertThat(service.state()).isEqualTo(KafkaStreams.State.NOT_RUNNING);
    figure("close while images arrive: %s s (shutdown.timeout.ms 30 s)", seconds(closed - start));
  }

  private static EmbeddedKafkaBroker startBroker() {
    EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start();
    broker.createTopics(2, "images", "classifications");
    broker.createTopics(1, "images.dlq");
    return broker;
  }

  private static CommittedReader reader(EmbeddedKafkaBroker broker) {
    return new CommittedReader(broker.bootstrapServers(), "classifications", "images.dlq");
  }

  private GnsConfig config(EmbeddedKafkaBroker broker, String name, int metricsPort) {
    Map<String, String> config = new HashMap<>();
    config.put("bootstrap.servers", broker.bootstrapServers());
    config.put("application.id", "broker-" + name);
    config.put("state.dir", dir.resolve(name).toString());
    config.put("model.path", (FULL_MODEL ? TestModels.full() : TestModels.small()).toString());
    config.put("batch.max.size", "8");
    config.put("batch.max.delay.ms", "20");
    config.put("metrics.port", Integer.toString(metricsPort));
    if (PRODUCT_TIMEOUTS) {
      return GnsConfig.fromMap(config);
    }
    config.put("session.timeout.ms", "10000");
    String timeout = Long.toString(CLIENT_TIMEOUT.toMillis());
    for (String key :
        List.of(
            "max.block.ms",
            "delivery.timeout.ms",
            "default.api.timeout.ms",
            "task.timeout.ms",
            "transaction.timeout.ms")) {
      config.put(key, timeout);
    }
    // The producer wants delivery.timeout.ms >= linger.ms + request.timeout.ms.
    config.put("request.timeout.ms", Long.toString(CLIENT_TIMEOUT.toMillis() / 2));
    return GnsConfig.fromMap(config);
  }

  private static ClassificationService create(GnsConfig config) {
    try {
      return ClassificationService.create(config);
    } catch (StartupException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Sends the images ten at a time, 50 ms apart, from another thread, each ten while holding {@code
   * sending} (so the test stops the broker between two sends, and none outlasts the producer's
   * delivery timeout); the last 50 only once {@code back} opens.
   */
  private static CompletableFuture<Void> stream(
      TestProducer producer, List<SampleInput> inputs, Semaphore sending, CountDownLatch back) {
    long backWithin = OUTAGE.plus(WAIT).toSeconds();
    return CompletableFuture.runAsync(
        () -> {
          try {
            for (int i = 0; i < inputs.size(); i += 10) {
              if (i == inputs.size() - 50 && !back.await(backWithin, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the broker was not back within " + backWithin);
              }
              sending.acquire();
              try {
                producer.send(inputs.subList(i, Math.min(inputs.size(), i + 10)));
              } finally {
                sending.release();
              }
              Thread.sleep(50);
            }
          } catch (Exception e) {
            throw new IllegalStateException("streaming the images failed", e);
          }
        });
  }

  private static HttpResponse<String> get(int port, String path)
      throws IOException, InterruptedException {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(5))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static String replacements(ClassificationService service) {
    return service
        .ops()
        .scrape()
        .lines()
        .filter(l -> l.startsWith("gns_stream_threads_replaced_total"))
        .toList()
        .toString();
  }

  private static String seconds(long nanos) {
    return String.format(Locale.ROOT, "%.1f", nanos / 1e9);
  }

  private static void figure(String format, Object... args) {
    System.out.printf(Locale.ROOT, "FIGURE broker outage: " + format + "%n", args);
  }
}
