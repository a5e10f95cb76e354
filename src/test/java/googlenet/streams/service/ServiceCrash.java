package googlenet.streams.service;

import static org.assertj.core.api.Assertions.assertThat;

import googlenet.streams.testing.CommittedReader;
import googlenet.streams.testing.ServiceProcess;
import googlenet.streams.testing.TestBroker;
import googlenet.streams.testing.TestInputs;
import googlenet.streams.testing.TestModels;
import googlenet.streams.testing.TestProducer;
import googlenet.streams.testing.TransactionProbe;
import googlenet.streams.tools.demo.SampleInput;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.TransactionDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * One service application on a shared broker, for crash tests: its own topics (input and output
 * with two partitions unless asked for more, dead letters with one), a stream of images sent while
 * it runs, service JVMs started from a per-instance configuration, a hard kill that lands while a
 * transaction is open, and a watch of the restart.
 */
final class ServiceCrash implements AutoCloseable {
  static final int PARTITIONS = 2;
  private static final int WARMUP = 10;
  private static final int POOL = 2000;
  private static final int BAD = 20;
  private static final Duration WATCH = Duration.ofSeconds(120);

  /** The model the services run: {@code -Dgns.fencing.model=full} for the full-width one. */
  static final String MODEL = System.getProperty("gns.fencing.model", "small");

  final String app;
  final String input;
  final String output;
  final String dlq;
  private final List<SampleInput> inputs;
  private final TestBroker broker;
  private final Path dir;
  private final TestProducer producer;
  private final TransactionProbe probe;
  private final CommittedReader reader;
  private final CountDownLatch killed = new CountDownLatch(1);
  private CompletableFuture<Void> streaming;

  ServiceCrash(TestBroker broker, Path dir, String name) {
    this(broker, dir, name, PARTITIONS);
  }

  /** As above with {@code partitions} input and output partitions. */
  ServiceCrash(TestBroker broker, Path dir, String name, int partitions) {
    this(broker, dir, name, partitions, POOL);
  }

  /** As above with a pool of {@code pool} images to stream (the stream stops when it runs out). */
  ServiceCrash(TestBroker broker, Path dir, String name, int partitions, int pool) {
    this.inputs = TestInputs.mixed(pool - BAD, BAD);
    this.broker = broker;
    this.dir = dir;
    this.app = "fence-" + name;
    this.input = name + "-images";
    this.output = name + "-classifications";
    this.dlq = name + "-dlq";
    broker.createTopic(input, partitions);
    broker.createTopic(output, partitions);
    broker.createTopic(dlq, 1);
    producer = new TestProducer(broker.bootstrapServers(), input);
    probe = new TransactionProbe(broker.bootstrapServers());
    reader = new CommittedReader(broker.bootstrapServers(), output, dlq);
  }

  /**
   * The configuration of one instance: state in {@code dir/<stateDir>}, a static member {@code
   * instanceId} unless null, and {@code extra} keys over the defaults.
   */
  Map<String, String> config(String stateDir, String instanceId, Map<String, String> extra)
      throws Exception {
    Map<String, String> config = new HashMap<>();
    config.put("bootstrap.servers", broker.bootstrapServers());
    config.put("application.id", app);
    config.put("input.topic", input);
    config.put("output.topic", output);
    config.put("dlq.topic", dlq);
    config.put("state.dir", Files.createDirectories(dir.resolve(stateDir)).toString());
    config.put("model.path", model().toString());
    config.put("batch.max.size", "8");
    config.put("batch.max.delay.ms", "20");
    config.put("session.timeout.ms", "6000");
    config.put("metrics.port", "0");
    if (instanceId != null) {
      config.put("group.instance.id", instanceId);
    }
    config.putAll(extra);
    return config;
  }

  private static Path model() {
    return "full".equals(MODEL) ? TestModels.full() : TestModels.small();
  }

  ServiceProcess start(Map<String, String> config, String name) throws Exception {
    Path home = Files.createDirectories(dir.resolve("home-" + name));
    return ServiceProcess.start(home, config, app + "-" + name);
  }

  /** Sends the warm-up images, waits for their results, then streams the rest in the background. */
  void warmUpAndStream(ServiceProcess service) throws Exception {
    warmUp(service);
    stream(service);
  }

  /** Sends the warm-up images and waits for their results. */
  void warmUp(ServiceProcess service) throws Exception {
    producer.send(inputs.subList(0, WARMUP));
    awaitOutputs(WARMUP, service);
  }

  /**
   * Streams images in the background, ten every 200 ms, until the kill and 50 after it (so images
   * still arrive when it comes), and waits for 30 more results.
   */
  void stream(ServiceProcess service) {
    streaming =
        CompletableFuture.runAsync(
            () -> {
              try {
                int next = WARMUP;
                while (killed.getCount() > 0 && next + 10 <= inputs.size() - 50) {
                  producer.send(inputs.subList(next, next + 10));
                  next += 10;
                  Thread.sleep(200);
                }
                if (!killed.await(180, TimeUnit.SECONDS)) {
                  throw new IllegalStateException("the service was not killed within 180 s");
                }
                producer.send(inputs.subList(next, next + 50));
              } catch (Exception e) {
                throw new IllegalStateException("streaming the images failed", e);
              }
            });
    awaitOutputs(readCount() + 30, service);
  }

  /**
   * Kills {@code service} hard while one of its transactions is open on the output topic.
   *
   * @return the transactions the dead JVM left open; empty when the kill came between transactions
   */
  Map<String, TransactionDescription> killWhileOpen(ServiceProcess service) throws Exception {
    return probe.killWhileOpen(app + "-", output, Duration.ofSeconds(60), service::killHard);
  }

  /** Lets the last images go: the stream holds them back until the kill. */
  void killed() {
    killed.countDown();
  }

  /** The high watermarks of the output and dead-letter partitions. */
  Map<TopicPartition, Long> highWatermarks() throws Exception {
    Map<TopicPartition, Long> out = new HashMap<>(probe.highWatermarks(output, PARTITIONS));
    out.putAll(probe.highWatermarks(dlq, 1));
    return out;
  }

  Map<TopicPartition, Long> lastStable() throws Exception {
    Map<TopicPartition, Long> out = new HashMap<>(probe.lastStable(output, PARTITIONS));
    out.putAll(probe.lastStable(dlq, 1));
    return out;
  }

  /** Partitions whose last stable offset is below {@code marks}, with that offset. */
  Map<TopicPartition, Long> below(Map<TopicPartition, Long> marks) throws Exception {
    Map<TopicPartition, Long> lso = lastStable();
    return marks.entrySet().stream()
        .filter(e -> lso.get(e.getKey()) < e.getValue())
        .collect(Collectors.toMap(Map.Entry::getKey, e -> lso.get(e.getKey())));
  }

  /** The results (not the dead letters) read so far, in read order. */
  List<ConsumerRecord<String, byte[]>> results() {
    return reader.records(output);
  }

  /** Results read so far. */
  int readCount() {
    reader.poll();
    return reader.records(output).size() + reader.records(dlq).size();
  }

  /** True once a result at or past its partition's mark has been read. */
  private boolean readPast(Map<TopicPartition, Long> marks) {
    reader.poll();
    return Stream.concat(reader.records(output).stream(), reader.records(dlq).stream())
        .anyMatch(r -> r.offset() >= marks.get(new TopicPartition(r.topic(), r.partition())));
  }

  /**
   * Watches {@code restarted} from its start until it is RUNNING, every partition in {@code
   * blocked} is readable up to its mark, and a result past the marks (written after the kill) was
   * read.
   */
  RestartTimes watch(
      ServiceProcess restarted,
      long startNanos,
      Map<TopicPartition, Long> marks,
      Map<TopicPartition, Long> blocked)
      throws Exception {
    RestartTimes times = new RestartTimes(blocked.keySet());
    long deadline = startNanos + WATCH.toNanos();
    while (System.nanoTime() < deadline) {
      long now = (System.nanoTime() - startNanos) / 1_000_000;
      if (times.firstNewResult < 0 && readPast(marks)) {
        times.firstNewResult = now;
      }
      Map<TopicPartition, Long> still = below(marks);
      still.keySet().retainAll(blocked.keySet());
      blocked.keySet().stream()
          .filter(tp -> !still.containsKey(tp) && !times.unblocked.containsKey(tp))
          .forEach(tp -> times.unblocked.put(tp, now));
      String log = restarted.output();
      if (times.modelLoaded < 0 && log.contains(" loaded from ")) {
        times.modelLoaded = now;
      }
      if (times.fencingDone < 0
          && (log.contains("Fenced ") || log.contains("no open transaction of an earlier run"))) {
        times.fencingDone = now;
      }
      if (times.running < 0 && log.contains("-> RUNNING")) {
        times.running = now;
        Map<TopicPartition, Long> hidden = below(marks);
        hidden.keySet().retainAll(blocked.keySet());
        times.blockedWhenRunning.putAll(hidden);
      }
      if (times.running >= 0 && times.firstNewResult >= 0 && still.isEmpty()) {
        return times;
      }
      assertThat(restarted.isAlive())
          .as("restarted service alive: %s", restarted.output())
          .isTrue();
    }
    return times;
  }

  /** Waits until {@code service} logs that its streams instance is RUNNING. */
  void awaitRunning(ServiceProcess service) {
    org.awaitility.Awaitility.await("RUNNING")
        .atMost(WATCH)
        .pollInterval(Duration.ofMillis(100))
        .failFast(() -> !service.isAlive())
        .until(() -> service.output().contains("-> RUNNING"));
  }

  /** Waits for every result, then checks each good image sent labelled once, each bad one dead. */
  void assertEveryResultOnce(ServiceProcess service) throws Exception {
    streaming.get(120, TimeUnit.SECONDS);
    Set<String> sent = producer.sent().keySet();
    awaitOutputs(sent.size(), service);
    reader.drain(Duration.ofSeconds(2));
    Set<String> good = ids(sent, true);
    Set<String> bad = ids(sent, false);
    assertThat(bad).as("bad images sent").isNotEmpty();
    List<String> results = keys(reader.records(output));
    List<String> dead = keys(reader.records(dlq));
    assertThat(results).doesNotHaveDuplicates().hasSameSizeAs(good);
    assertThat(Set.copyOf(results)).isEqualTo(good);
    assertThat(dead).doesNotHaveDuplicates().hasSameSizeAs(bad);
    assertThat(Set.copyOf(dead)).isEqualTo(bad);
  }

  void awaitOutputs(int count, ServiceProcess service) {
    try {
      reader.awaitRecords(r -> true, count, WATCH);
    } catch (RuntimeException e) {
      throw new AssertionError(
          "fewer than "
              + count
              + " results; service alive="
              + service.isAlive()
              + ", its output:\n"
              + service.output(),
          e);
    }
  }

  TransactionProbe probe() {
    return probe;
  }

  private Set<String> ids(Set<String> sent, boolean good) {
    return inputs.stream()
        .filter(i -> sent.contains(i.id()) && i.good() == good)
        .map(SampleInput::id)
        .collect(Collectors.toSet());
  }

  private static List<String> keys(List<ConsumerRecord<String, byte[]>> records) {
    return records.stream().map(ConsumerRecord::key).toList();
  }

  @Override
  public void close() {
    killed.countDown();
    reader.close();
    probe.close();
    producer.close();
  }
}
