package googlenet.streams.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import googlenet.streams.testing.StaticHttpServer;
import googlenet.streams.testing.TestModels;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelFetcherTest {
  private static final String MODEL_PATH = "models/googlenet-12.onnx";
  private static final byte[] LABELS =
      "n01440764 tench, Tinca tinca\n".getBytes(StandardCharsets.UTF_8);

  @TempDir Path dir;
  private StaticHttpServer server;
  private ModelFetcher fetcher;
  private Artifact model;
  private Artifact labels;

  @BeforeEach
  void serveTheFixedBatchSyntheticModel() throws Exception {
    byte[] modelBytes = Files.readAllBytes(TestModels.fixedBatchSmall());
    server =
        StaticHttpServer.serve(Map.of("/zoo/" + MODEL_PATH, modelBytes, "/zoo/synset.txt", LABELS));
    URI base = server.uri("/zoo");
    fetcher = new ModelFetcher(base, Duration.ofSeconds(10));
    model = new Artifact(MODEL_PATH, modelBytes.length, Checksums.sha256(modelBytes));
    labels = new Artifact("synset.txt", LABELS.length, Checksums.sha256(LABELS));
  }

  @AfterEach
  void stopServer() {
    server.close();
  }

  @Test
  void shouldKeepVerifiedFilesAndPrepareABatchableModel() throws Exception {
    ModelFetcher.Fetched fetched = fetcher.fetch(dir, model, labels);

    assertThat(Checksums.sha256(fetched.downloaded())).isEqualTo(model.sha256());
    assertThat(fetched.labels()).hasBinaryContent(LABELS);
    assertThat(fetched.model()).isEqualTo(dir.resolve("googlenet-12-batchable.onnx"));
    assertThat(ModelInspector.inspect(fetched.model()).fixedBatch()).isFalse();
    assertThat(OrtRuns.run(fetched.model(), OrtRuns.noise(2, 4), 2)).hasDimensions(2, 1000);
    assertThat(fetched.prepareChanges()).isNotEmpty();
  }

  @Test
  void shouldRefuseAWrongChecksumNamingBothAndKeepNothing() throws Exception {
    String wrong = "0".repeat(64);

    assertThatThrownBy(() -> fetcher.fetch(dir, model.withExpected(model.size(), wrong), labels))
        .isInstanceOf(FetchException.class)
        .hasMessageContaining(wrong)
        .hasMessageContaining(model.sha256())
        .hasMessageContaining("not kept");
    assertThat(filesIn(dir)).isEmpty();
  }

  @Test
  void shouldRefuseAWrongSizeNamingBothAndKeepNothing() throws Exception {
    long wrongSize = model.size() - 1;

    assertThatThrownBy(
            () -> fetcher.fetch(dir, model.withExpected(wrongSize, model.sha256()), labels))
        .isInstanceOf(FetchException.class)
        .hasMessageContaining("size is " + model.size())
        .hasMessageContaining("expected " + wrongSize);
    assertThat(filesIn(dir)).isEmpty();
  }

  @Test
  void shouldRefuseABodyLongerThanExpectedWithoutContentLength() throws Exception {
    try (StaticHttpServer chunked =
        StaticHttpServer.serve(Map.of("/zoo/" + MODEL_PATH, new byte[5000]), true)) {
      ModelFetcher viaChunks = new ModelFetcher(chunked.uri("/zoo"), Duration.ofSeconds(10));

      assertThatThrownBy(
              () -> viaChunks.fetch(dir, model.withExpected(4096, model.sha256()), labels))
          .isInstanceOf(FetchException.class)
          .hasMessageContaining("size is more than 4096 bytes");
    }
    assertThat(filesIn(dir)).isEmpty();
  }

  @Test
  void shouldGiveUpOnAStalledBodyAndKeepNothing() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    HttpServer stalling = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    stalling.createContext(
        "/",
        exchange -> {
          exchange.sendResponseHeaders(200, model.size());
          exchange.getResponseBody().write(new byte[1000]);
          exchange.getResponseBody().flush();
          try {
            release.await(30, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          exchange.close();
        });
    stalling.start();
    try {
      URI base = URI.create("http://127.0.0.1:" + stalling.getAddress().getPort() + "/zoo");
      ModelFetcher impatient = new ModelFetcher(base, Duration.ofSeconds(1));

      assertThatThrownBy(() -> impatient.fetch(dir, model, labels))
          .isInstanceOf(FetchException.class)
          .hasMessageContaining("stalled")
          .hasMessageContaining("after 1000 bytes");
    } finally {
      release.countDown();
      stalling.stop(0);
    }
    assertThat(filesIn(dir)).isEmpty();
  }

  @Test
  void shouldExplainAnHttpNotFound() throws Exception {
    Artifact missing = new Artifact("models/nope.onnx", 1, model.sha256());

    assertThatThrownBy(() -> fetcher.fetch(dir, missing, labels))
        .isInstanceOf(FetchException.class)
        .hasMessageContaining("HTTP 404")
        .hasMessageContaining("/zoo/models/nope.onnx");
    assertThat(filesIn(dir)).isEmpty();
  }

  @Test
  void shouldNotDownloadAgainWhenAVerifiedCopyIsPresent() throws Exception {
    fetcher.fetch(dir, model, labels);
    server.close();

    ModelFetcher.Fetched again = fetcher.fetch(dir, model, labels);

    assertThat(Checksums.sha256(again.downloaded())).isEqualTo(model.sha256());
  }

  private static java.util.List<String> filesIn(Path dir) throws Exception {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).toList();
    }
  }
}
