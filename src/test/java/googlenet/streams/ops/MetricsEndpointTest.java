package googlenet.streams.ops;

import static org.assertj.core.api.Assertions.assertThat;

import googlenet.streams.tools.fixtures.SampleImages;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The real topology reports to the real registry; the test scrapes it over HTTP. */
class MetricsEndpointTest {
  private static final int GOOD = 10;

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private ServiceMetrics metrics;
  private OpsHttpServer server;

  @BeforeEach
  void start() {
    metrics = new ServiceMetrics();
    server =
        OpsHttpServer.start(new InetSocketAddress("127.0.0.1", 0), metrics::scrape, new Health());
  }

  @AfterEach
  void stop() {
    server.close();
    metrics.close();
  }

  @Test
  void shouldCountResultsDeadLettersAndBatchesAfterImagesPassThrough() throws Exception {
    try (DriverFixture fixture =
        new DriverFixture(
            Map.of("batch.max.size", "4", "batch.max.delay.ms", "100"), metrics.pipeline())) {
      for (int i = 0; i < GOOD; i++) {
        fixture.sendImage("good-" + i, SampleImages.jpeg(64, 48, i), 200);
        if (i % 4 == 1) {
          fixture.sendImage("empty-" + i, new byte[0], 200);
        }
      }
      fixture.sendRaw("garbage", "not avro".getBytes(StandardCharsets.US_ASCII), 200);
      fixture.advance(Duration.ofMillis(100));

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
    // sizes 4, 4 (flushed when full) and 2 (flushed by the punctuator)
    assertThat(scrape.value("gns_batches_total")).isEqualTo(3);
    assertThat(scrape.value("gns_batch_size_count")).isEqualTo(3);
    assertThat(scrape.value("gns_batch_size_sum")).isEqualTo(GOOD);
    assertThat(scrape.bucket("gns_batch_size", "2.0")).isEqualTo(1);
    assertThat(scrape.bucket("gns_batch_size", "4.0")).isEqualTo(3);
    assertThat(scrape.value("gns_inference_seconds_count")).isEqualTo(3);
    assertThat(scrape.value("gns_batch_wait_seconds_count")).isEqualTo(3);
    // 8 results sent on arrival (200 ms old), 2 sent 100 ms later by the punctuator (300 ms old)
    assertThat(scrape.value("gns_end_to_end_latency_seconds_count")).isEqualTo(GOOD);
    assertThat(scrape.bucket("gns_end_to_end_latency_seconds", "0.25")).isEqualTo(8);
    assertThat(scrape.bucket("gns_end_to_end_latency_seconds", "0.5")).isEqualTo(GOOD);
    assertThat(scrape.value("gns_buffered_records")).isZero();
  }

  @Test
  void shouldReportBufferedRecordsUntilTheirBatchRuns() throws Exception {
    try (DriverFixture fixture =
        new DriverFixture(
            Map.of("batch.max.size", "4", "batch.max.delay.ms", "100"), metrics.pipeline())) {
      fixture.sendImage("a", SampleImages.jpeg(64, 48, 1), 0);
      fixture.sendImage("b", SampleImages.jpeg(64, 48, 2), 0);
      assertThat(PrometheusSamples.parse(get("/metrics").body()).value("gns_buffered_records"))
          .isEqualTo(2);

      fixture.advance(Duration.ofMillis(100));

      assertThat(fixture.results()).hasSize(2);
      assertThat(PrometheusSamples.parse(get("/metrics").body()).value("gns_buffered_records"))
          .isZero();
    }
  }

  @Test
  void shouldExposeProviderModelAndJvmGauges() throws Exception {
    try (DriverFixture fixture = new DriverFixture(Map.of(), metrics.pipeline())) {
      metrics.bindEngine(fixture.engine());
      PrometheusSamples scrape = PrometheusSamples.parse(get("/metrics").body());

      assertThat(scrape.value("gns_execution_provider", Map.of("provider", "cpu"))).isEqualTo(1);
      assertThat(scrape.value("gns_execution_provider_fallback")).isZero();
      assertThat(
              scrape.value(
                  "gns_model_info",
                  Map.of(
                      "name", fixture.engine().model().name(),
                      "sha256", fixture.engine().model().sha256())))
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
