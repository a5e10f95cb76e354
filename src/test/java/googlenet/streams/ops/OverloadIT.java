package googlenet.streams.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import googlenet.streams.avro.ImageRecord;
import googlenet.streams.serde.AvroSerde;
import googlenet.streams.testing.CommittedReader;
import googlenet.streams.testing.KafkaBrokers;
import googlenet.streams.testing.ServiceProcess;
import googlenet.streams.testing.TestBroker;
import googlenet.streams.testing.TestModels;
import googlenet.streams.tools.fixtures.SampleImages;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Overload: a service JVM with a small heap, then far more images than it labels per second, sent
 * as fast as a producer can (the input holds more bytes than the service's whole heap). The service
 * keeps running, labels every image exactly once (read_committed), its lag metric shows the backlog
 * and falls to 0 when it has caught up. Heap, RSS and the rates are printed as {@code FIGURE}
 * lines, not asserted.
 */
@Timeout(600)
class OverloadIT {
  private static final int WARM_UP = 16;
  private static final int IMAGES = 3600;
  private static final int DISTINCT = 8;
  private static final String MAX_HEAP = "192m";
  private static final Duration WAIT = Duration.ofSeconds(240);

  /** Kafka Streams' bound on each partition's queue: {@code -Dbuffered.records.per.partition=N}. */
  private static final String BUFFERED = "buffered.records.per.partition";

  private static final Pattern SERVING = Pattern.compile("on http://(\\S+:\\d+)");
  private static TestBroker broker;

  @TempDir Path dir;

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @BeforeAll
  static void startBroker() {
    broker = KafkaBrokers.start(KafkaBrokers.available().findFirst().orElseThrow());
  }

  @AfterAll
  static void stopBroker() {
    broker.close();
  }

  /** One scrape of the service, reduced to what the test follows. */
  private record Scrape(
      long nanos, double lag, int lagPartitions, double heapUsed, double liveData, double rss) {}

  @Test
  void shouldLabelEveryImageOnceWithinABoundedHeapWhileTheLagShowsTheBacklog() throws Exception {
    broker.createTopic("overload-images", 2);
    broker.createTopic("overload-classifications", 2);
    broker.createTopic("overload-dlq", 1);
    List<byte[]> jpegs = new ArrayList<>();
    for (int seed = 1; seed <= DISTINCT; seed++) {
      jpegs.add(SampleImages.jpeg(640, 480, seed));
    }
    long meanJpeg = (long) jpegs.stream().mapToInt(b -> b.length).average().orElseThrow();
    try (ServiceProcess service = ServiceProcess.start(dir, config(), "overload", MAX_HEAP);
        CommittedReader reader =
            new CommittedReader(
                broker.bootstrapServers(), "overload-classifications", "overload-dlq");
        KafkaProducer<String, byte[]> producer = producer()) {
      URI metrics = metricsAddress(service);
      send(producer, jpegs, 0, WARM_UP);
      awaitResults(reader, WARM_UP, service);

      List<Scrape> scrapes = new CopyOnWriteArrayList<>();
      Thread watcher = watch(metrics, scrapes);
      long sendStart = System.nanoTime();
      send(producer, jpegs, WARM_UP, WARM_UP + IMAGES);
      double sendSeconds = (System.nanoTime() - sendStart) / 1e9;
      int readWhenSent = reader.poll(Duration.ofMillis(500)) - WARM_UP;
      awaitResults(reader, WARM_UP + IMAGES, service);
      double labelSeconds = (System.nanoTime() - sendStart) / 1e9;
      reader.drain(Duration.ofSeconds(2));
      await("lag back to 0")
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(250))
          .until(() -> !scrapes.isEmpty() && last(scrapes).lag() == 0);
      watcher.interrupt();
      watcher.join(10_000);

      long queuedBytes = meanJpeg * IMAGES;
      double maxLag = scrapes.stream().mapToDouble(Scrape::lag).max().orElse(0);
      double heapMax = scrapes.stream().mapToDouble(Scrape::heapUsed).max().orElse(0);
      double rssMax = scrapes.stream().mapToDouble(Scrape::rss).max().orElse(0);
      double liveMax = scrapes.stream().mapToDouble(Scrape::liveData).max().orElse(0);
      double labelRate = IMAGES / labelSeconds;
      System.out.printf(
          Locale.ROOT,
          "FIGURE overload: %d images of %d KB (%d MB) sent in %.1f s (%.0f images/s, %.0fx the"
              + " labelling rate), %d labelled by then; all labelled after %.1f s (%.1f images/s);"
              + " largest lag %.0f records; heap used at most %.0f MB of %s (live data after a major GC at most %.0f MB), RSS at most %.0f MB;"
              + " %d scrapes; %s %s%n",
          IMAGES,
          meanJpeg / 1024,
          queuedBytes >> 20,
          sendSeconds,
          IMAGES / sendSeconds,
          (IMAGES / sendSeconds) / labelRate,
          readWhenSent,
          labelSeconds,
          labelRate,
          maxLag,
          heapMax / (1 << 20),
          MAX_HEAP,
          liveMax / (1 << 20),
          rssMax / (1 << 20),
          scrapes.size(),
          BUFFERED,
          System.getProperty(BUFFERED, "default (1000)"));
      Map<String, Long> counts = reader.countsByKey();
      assertThat(counts).hasSize(WARM_UP + IMAGES);
      assertThat(counts.values()).allMatch(c -> c == 1);
      assertThat(reader.records("overload-dlq")).isEmpty();
      assertThat(service.isAlive()).as(service.output()).isTrue();
      assertThat(service.output()).doesNotContain("OutOfMemoryError");
      assertThat(queuedBytes).as("input bytes sent").isGreaterThan(192L << 20);
      assertThat(maxLag).as("largest lag the metric showed").isPositive();
      assertThat(last(scrapes).lagPartitions()).isEqualTo(2);
    }
  }

  private Map<String, String> config() throws Exception {
    Map<String, String> config = new HashMap<>();
    config.put("bootstrap.servers", broker.bootstrapServers());
    config.put("application.id", "overload");
    config.put("input.topic", "overload-images");
    config.put("output.topic", "overload-classifications");
    config.put("dlq.topic", "overload-dlq");
    config.put("state.dir", Files.createDirectories(dir.resolve("state")).toString());
    config.put("model.path", TestModels.small().toString());
    config.put("metrics.port", "0");
    String buffered = System.getProperty(BUFFERED);
    if (buffered != null) {
      config.put(BUFFERED, buffered);
    }
    return config;
  }

  private KafkaProducer<String, byte[]> producer() {
    return new KafkaProducer<>(
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            broker.bootstrapServers(),
            ProducerConfig.ACKS_CONFIG,
            "all",
            ProducerConfig.LINGER_MS_CONFIG,
            20,
            ProducerConfig.BATCH_SIZE_CONFIG,
            1 << 20),
        new StringSerializer(),
        new ByteArraySerializer());
  }

  /** Sends images {@code from..to} (ids {@code img-N}) as fast as the producer takes them. */
  private static void send(
      KafkaProducer<String, byte[]> producer, List<byte[]> jpegs, int from, int to)
      throws Exception {
    AvroSerde<ImageRecord> serde = AvroSerde.imageRecord();
    List<Future<RecordMetadata>> acks = new ArrayList<>();
    for (int i = from; i < to; i++) {
      String id = "img-" + i;
      ImageRecord image =
          ImageRecord.newBuilder()
              .setId(id)
              .setImage(ByteBuffer.wrap(jpegs.get(i % jpegs.size())))
              .setContentType("image/jpeg")
              .setSource("overload")
              .setAttributes(Map.of())
              .build();
      acks.add(producer.send(new ProducerRecord<>("overload-images", id, serde.encode(image))));
    }
    producer.flush();
    for (Future<RecordMetadata> ack : acks) {
      ack.get(60, TimeUnit.SECONDS);
    }
  }

  private static void awaitResults(CommittedReader reader, int count, ServiceProcess service) {
    try {
      reader.awaitRecords(r -> true, count, WAIT);
    } catch (RuntimeException e) {
      throw new AssertionError(
          "fewer than " + count + " results; service output:\n" + service.output(), e);
    }
  }

  private static URI metricsAddress(ServiceProcess service) {
    String hostPort =
        await("metrics endpoint in the service log")
            .atMost(WAIT)
            .pollInterval(Duration.ofMillis(100))
            .failFast(() -> !service.isAlive())
            .until(
                () -> {
                  Matcher m = SERVING.matcher(service.output());
                  return m.find() ? m.group(1) : null;
                },
                a -> a != null);
    return URI.create("http://" + hostPort + "/metrics");
  }

  /** Scrapes {@code metrics} every 250 ms on a thread of its own until interrupted. */
  private Thread watch(URI metrics, List<Scrape> scrapes) {
    Thread t =
        new Thread(
            () -> {
              while (!Thread.currentThread().isInterrupted()) {
                try {
                  scrapes.add(scrape(metrics));
                  Thread.sleep(250);
                } catch (InterruptedException e) {
                  return;
                } catch (Exception e) {
                  // A scrape that fails (a busy service) is skipped; the next one counts.
                }
              }
            },
            "overload-scraper");
    t.setDaemon(true);
    t.start();
    return t;
  }

  private Scrape scrape(URI metrics) throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(metrics).timeout(Duration.ofSeconds(5)).build(),
            HttpResponse.BodyHandlers.ofString());
    PrometheusSamples samples = PrometheusSamples.parse(response.body());
    List<PrometheusSamples.Sample> lag =
        samples.named("kafka_consumer_fetch_manager_records_lag").stream()
            .filter(s -> "overload-images".equals(s.labels().get("topic")))
            .toList();
    double heap =
        samples.named("jvm_memory_used_bytes").stream()
            .filter(s -> "heap".equals(s.labels().get("area")))
            .mapToDouble(PrometheusSamples.Sample::value)
            .sum();
    return new Scrape(
        System.nanoTime(),
        lag.stream()
            .mapToDouble(PrometheusSamples.Sample::value)
            .filter(v -> !Double.isNaN(v))
            .sum(),
        lag.size(),
        heap,
        samples.named("jvm_gc_live_data_size_bytes").stream()
            .mapToDouble(PrometheusSamples.Sample::value)
            .sum(),
        samples.value("process_memory_rss_bytes"));
  }

  private static Scrape last(List<Scrape> scrapes) {
    return scrapes.get(scrapes.size() - 1);
  }
}
