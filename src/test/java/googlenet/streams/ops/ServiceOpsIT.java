package googlenet.streams.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import googlenet.streams.avro.ImageRecord;
import googlenet.streams.cli.Main;
import googlenet.streams.config.GnsConfig;
import googlenet.streams.model.Checksums;
import googlenet.streams.serde.AvroSerde;
import googlenet.streams.service.ClassificationService;
import googlenet.streams.testing.TestModels;
import googlenet.streams.tools.broker.EmbeddedKafkaBroker;
import googlenet.streams.tools.fixtures.SampleImages;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The service's metrics and health endpoint on a real broker, and its model checksum check. */
class ServiceOpsIT {
  private static final int GOOD = 6;
  private static final Duration WAIT = Duration.ofSeconds(90);

  @TempDir static Path dir;
  private static EmbeddedKafkaBroker broker;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @BeforeAll
  static void startBroker() {
    broker = EmbeddedKafkaBroker.start();
    broker.createTopics(2, "images", "classifications", "images.dlq");
  }

  @AfterAll
  static void stopBroker() {
    if (broker != null) {
      broker.close();
    }
  }

  @Test
  void shouldCountImagesInTheScrapeAndFlipReadinessWithTheLifecycle() throws Exception {
    produce(GOOD, "not an image".getBytes(StandardCharsets.US_ASCII), new byte[0]);
    ClassificationService service = ClassificationService.create(config());
    URI base =
        URI.create("http://127.0.0.1:" + service.ops().httpAddress().orElseThrow().getPort());
    try {
      assertThat(get(base, "/health/ready").statusCode()).isEqualTo(503);
      assertThat(get(base, "/health/ready").body()).contains("streams state CREATED");
      assertThat(get(base, "/health/live").statusCode()).isEqualTo(200);

      service.start();
      await().atMost(WAIT).until(() -> get(base, "/health/ready").statusCode() == 200);
      await().atMost(WAIT).until(() -> sum(scrape(base), "gns_images_classified_total") == GOOD);
      await().atMost(WAIT).until(() -> sum(scrape(base), "gns_dead_letters_total") == 2);

      PrometheusSamples scrape = scrape(base);
      assertThat(scrape.value("gns_dead_letters_total", Map.of("reason", "unsupported-format")))
          .isEqualTo(1);
      assertThat(scrape.value("gns_dead_letters_total", Map.of("reason", "empty"))).isEqualTo(1);
      double batches = scrape.value("gns_batches_total");
      assertThat(scrape.value("gns_batch_size_count")).isEqualTo(batches).isPositive();
      assertThat(scrape.value("gns_batch_size_sum")).isEqualTo(GOOD);
      assertThat(scrape.value("gns_end_to_end_latency_seconds_count")).isEqualTo(GOOD);
      assertThat(scrape.value("gns_execution_provider", Map.of("provider", "cpu"))).isEqualTo(1);
      await()
          .atMost(WAIT)
          .until(
              () ->
                  scrape(base).named("kafka_consumer_fetch_manager_records_lag").stream()
                          .filter(s -> "images".equals(s.labels().get("topic")))
                          .count()
                      == 2);
    } finally {
      service.close();
    }
    assertThat(service.ops().health().ready().reasons()).contains("shutting down");
    assertThat(service.ops().health().live().ok()).isTrue();
    assertThatThrownBy(() -> get(base, "/health/ready")).isInstanceOf(ConnectException.class);
  }

  @Test
  void shouldRefuseToRunAModelWhoseSha256DiffersNamingBothHashes() throws Exception {
    String wrong = "0".repeat(64);
    Path props = dir.resolve("wrong-sha.properties");
    StringBuilder text = new StringBuilder();
    Map<String, String> values = new HashMap<>(baseConfig());
    values.put("model.sha256", wrong);
    values.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
    Files.writeString(props, text.toString());
    StringWriter err = new StringWriter();
    CommandLine cli = Main.newCommandLine();
    cli.setErr(new PrintWriter(err, true));

    int status = cli.execute("run", "--config", props.toString());

    assertThat(status).isEqualTo(2);
    assertThat(err.toString())
        .contains("run: cannot start")
        .contains(wrong)
        .contains(Checksums.sha256(TestModels.small()));
  }

  private static Map<String, String> baseConfig() {
    Map<String, String> props = new HashMap<>();
    props.put("bootstrap.servers", broker.bootstrapServers());
    props.put("application.id", "gns-ops-it");
    props.put("state.dir", dir.resolve("state").toString());
    props.put("model.path", TestModels.small().toString());
    props.put("batch.max.size", "4");
    props.put("batch.max.delay.ms", "20");
    props.put("metrics.port", "0");
    return props;
  }

  private static GnsConfig config() {
    return GnsConfig.fromMap(baseConfig());
  }

  private static void produce(int good, byte[]... bad) throws Exception {
    AvroSerde<ImageRecord> serde = AvroSerde.imageRecord();
    Map<String, Object> props = Map.of("bootstrap.servers", broker.bootstrapServers());
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
      for (int i = 0; i < good + bad.length; i++) {
        byte[] image = i < good ? SampleImages.jpeg(64, 48, i) : bad[i - good];
        ImageRecord record =
            ImageRecord.newBuilder().setId("img-" + i).setImage(ByteBuffer.wrap(image)).build();
        producer
            .send(new ProducerRecord<>("images", serde.encode(record)))
            .get(30, TimeUnit.SECONDS);
      }
    }
  }

  private static double sum(PrometheusSamples samples, String name) {
    return samples.named(name).stream().mapToDouble(PrometheusSamples.Sample::value).sum();
  }

  private PrometheusSamples scrape(URI base) throws IOException, InterruptedException {
    return PrometheusSamples.parse(get(base, "/metrics").body());
  }

  private HttpResponse<String> get(URI base, String path) throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
