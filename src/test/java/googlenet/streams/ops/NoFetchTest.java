package googlenet.streams.ops;

import static googlenet.streams.testing.TopologyDriver.header;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import googlenet.streams.testing.TestEngines;
import googlenet.streams.testing.TopologyDriver;
import googlenet.streams.tools.fixtures.SampleImages;
import googlenet.streams.topology.DeadLetterHeaders;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nothing in a record makes the service fetch a URL or open a path: image bytes that spell a URL of
 * a live server or the path of a real, decodable image are rejected as unsupported-format, the
 * server sees no request and the file is not read.
 */
class NoFetchTest {
  @TempDir Path dir;

  @Test
  void shouldRejectUrlsAndPathsAsUnsupportedFormatWithoutFetchingThem() throws Exception {
    AtomicInteger requests = new AtomicInteger();
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    byte[] jpeg = SampleImages.jpeg(64, 48, 5);
    server.createContext(
        "/",
        exchange -> {
          requests.incrementAndGet();
          exchange.sendResponseHeaders(200, jpeg.length);
          exchange.getResponseBody().write(jpeg);
          exchange.close();
        });
    server.start();
    Path image = Files.write(dir.resolve("cat.jpg"), jpeg);
    String base = "http://127.0.0.1:" + server.getAddress().getPort();
    List<String> references =
        List.of(
            base + "/cat.jpg",
            "https://127.0.0.1:" + server.getAddress().getPort() + "/cat.jpg",
            image.toString(),
            image.toUri().toString(),
            "jar:" + image.toUri() + "!/x",
            "\\\\127.0.0.1\\share\\cat.jpg");
    try (var engine = TestEngines.small();
        TopologyDriver fixture =
            new TopologyDriver(Map.of("batch.max.size", "1"), dir.resolve("state"), engine)) {
      for (String reference : references) {
        fixture.pipeImage(reference, reference.getBytes(StandardCharsets.UTF_8), 0);
      }
      fixture.awaitWritten(references.size());

      assertThat(fixture.results()).isEmpty();
      List<TestRecord<byte[], byte[]>> dead = fixture.deadLetters();
      assertThat(dead)
          .hasSize(references.size())
          .allSatisfy(
              r -> assertThat(header(r, DeadLetterHeaders.REASON)).isEqualTo("unsupported-format"));
    } finally {
      server.stop(0);
    }
    assertThat(requests).hasValue(0);
  }
}
