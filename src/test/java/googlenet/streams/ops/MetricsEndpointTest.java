package googlenet.streams.ops;

import static org.assertj.core.api.Assertions.assertThat;

import googlenet.streams.inference.OnnxInferenceEngine;
import googlenet.streams.testing.TestEngines;
import googlenet.streams.testing.TopologyDriver;
import googlenet.streams.tools.fixtures.SampleImages;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real topology reports to the real registry; the test scrapes it over HTTP. */
class MetricsEndpointTest {
  private static final int GOOD = 12;

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  @TempDir Path stateDir;
  private ServiceMetrics metrics;
  private OpsHttpServer server;
  private OnnxInferenceEngine engine;

  @BeforeEach
  void start() throws Exception {
    engine = TestEngines.small();
    metrics = new ServiceMetrics();
    server =
        OpsHttpServer.start(new InetSocketAddress("127.0.0.1", 0), metrics::scrape, new Health());
  }

  @AfterEach
  void stop() {
    server.close();
    metrics.close();
    engine.close();
  }

  private TopologyDriver driver(Map<String, String> keys) throws Exception {
    return new TopologyDriver(keys, stateDir, engine, metrics.pipeline(), metrics.pipeline());
  }

  @Test
  void shouldCountResultsDeadLettersAndBatchesAfterImagesPassThrough() throws Exception {
    try (TopologyDriver fixture =
        driver(Map.of("batch.max.size", "4", "batch.max.delay.ms", "60000"))) {
      for (int i = 0; i < GOOD; i++) {
        fixture.pipeImage("good-" + i, SampleImages.jpeg(64, 48, i), 0);
        if (i % 4 == 1) {
          fixture.pipeImage("empty-" + i, new byte[0], 0);
        }
      }
      fixture.pipe("garbage", "not avro".getBytes(StandardCharsets.US_ASCII), 0);
      fixture.awaitWritten(GOOD + 4);

      assertThat(fixture.results()).hasSize(GOOD);
      assertThat(fixture.deadLetters()).hasSize(4);
    }

    PrometheusSamples scrape = PrometheusSamples.parse(get("/metrics").body());
    assertThat(scrape.value("gns_images_classified_total")).isEqualTo(GOOD);
    assertThat(scrape.value("gns_dead_letters_total", Map.of("reason", "empty"))).isEqualTo(3);
    assertThat(scrape.value("gns_dead_letters_total", Map.of("reason", "undeserializable")))
        .isEqualTo(1);
    // every other reason is exposed at 0 from the start, so rate() sees its first increment
    assertThat(scrape.value("gns_dead_letters_total", Map.of("reason", "too-many-scans"))).isZero();
    assertThat(scrape.value("gns_dead_letters_total", Map.of("reason", "inference-failed")))
        .isZero();
    // three full batches of 4: with a delay of a minute, no partial batch runs
    assertThat(scrape.value("gns_batches_total")).isEqualTo(3);
    assertThat(scrape.value("gns_batch_size_count")).isEqualTo(3);
    assertThat(scrape.value("gns_batch_size_sum")).isEqualTo(GOOD);
    assertThat(scrape.bucket("gns_batch_size", "2.0")).isZero();
    assertThat(scrape.bucket("gns_batch_size", "4.0")).isEqualTo(3);
    assertThat(scrape.value("gns_inference_seconds_count")).isEqualTo(3);
    assertThat(scrape.value("gns_batch_wait_seconds_count")).isEqualTo(3);
    assertThat(scrape.value("gns_decode_seconds_count")).isEqualTo(GOOD);
    assertThat(scrape.value("gns_end_to_end_latency_seconds_count")).isEqualTo(GOOD);
    assertThat(scrape.value("gns_buffered_records")).isZero();
  }

  @Test
  void shouldReportBufferedRecordsUntilTheirOutcomeIsWritten() throws Exception {
    try (TopologyDriver fixture =
        driver(Map.of("batch.max.size", "4", "batch.max.delay.ms", "60000"))) {
      fixture.pipeImage("a", SampleImages.jpeg(64, 48, 1), 0);
      fixture.pipeImage("b", SampleImages.jpeg(64, 48, 2), 0);
      assertThat(PrometheusSamples.parse(get("/metrics").body()).value("gns_buffered_records"))
          .isEqualTo(2);

      fixture.pipeImage("c", SampleImages.jpeg(64, 48, 3), 0);
      fixture.pipeImage("d", SampleImages.jpeg(64, 48, 4), 0);
      fixture.awaitWritten(4);

      assertThat(PrometheusSamples.parse(get("/metrics").body()).value("gns_buffered_records"))
          .isZero();
    }
  }

  @Test
  void shouldExposeProviderModelAndJvmGauges() throws Exception {
    try (TopologyDriver fixture = driver(Map.of())) {
      metrics.bindEngine(engine);
      PrometheusSamples scrape = PrometheusSamples.parse(get("/metrics").body());

      assertThat(scrape.value("gns_execution_provider", Map.of("provider", "cpu"))).isEqualTo(1);
      assertThat(scrape.value("gns_execution_provider_fallback")).isZero();
      assertThat(
              scrape.value(
                  "gns_model_info",
                  Map.of(
                      "name", engine.model().name(),
                      "sha256", engine.model().sha256())))
          .isEqualTo(1);
      assertThat(scrape.named("jvm_memory_used_bytes")).isNotEmpty();
      assertThat(scrape.named("jvm_threads_live_threads")).isNotEmpty();
      assertThat(scrape.value("process_memory_rss_bytes")).isPositive();
    }
  }

  @Test
  void shouldExposeBackfillProgressOnceABackfillReportsIt() throws Exception {
    assertThat(PrometheusSamples.parse(get("/metrics").body()).named("gns_backfill_records_done"))
        .isEmpty();

    metrics.pipeline().backfillProgress(250, 1000);
    metrics.pipeline().backfillProgress(400, 1000);

    PrometheusSamples scrape = PrometheusSamples.parse(get("/metrics").body());
    assertThat(scrape.value("gns_backfill_records_done")).isEqualTo(400);
    assertThat(scrape.value("gns_backfill_records_planned")).isEqualTo(1000);
  }

  @Test
  void shouldServePrometheusTextAnd404And405() throws Exception {
    HttpResponse<String> metricsResponse = get("/metrics");
    assertThat(metricsResponse.statusCode()).isEqualTo(200);
    assertThat(metricsResponse.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("text/plain; version=0.0.4"));
    assertThat(metricsResponse.body()).contains("# TYPE gns_batch_size histogram");

    assertThat(get("/nothing").statusCode()).isEqualTo(404);
    HttpResponse<String> post =
        http.send(
            HttpRequest.newBuilder(uri("/metrics"))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(post.statusCode()).isEqualTo(405);
  }

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private URI uri(String path) {
    return URI.create("http://" + server.hostAndPort() + path);
  }
}
