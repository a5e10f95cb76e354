package googlenet.streams.ops;

import static googlenet.streams.testing.TopologyDriver.header;
import static org.assertj.core.api.Assertions.assertThat;

import googlenet.streams.testing.TestEngines;
import googlenet.streams.testing.TopologyDriver;
import googlenet.streams.tools.fixtures.SampleImages;
import googlenet.streams.topology.DeadLetterHeaders;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * image.max.bytes and image.max.pixels through the real topology: an image exactly at a limit is
 * classified; one byte or one pixel over goes to the dead-letter topic with a reason and a message
 * naming the limit and the value.
 */
class LimitsThroughTopologyTest {
  private static final byte[] JPEG = SampleImages.jpeg(64, 48, 3);
  private static final long PIXELS = 64 * 48;
  @TempDir Path stateDir;

  @Test
  void shouldClassifyAnImageOfExactlyMaxBytes() throws Exception {
    assertThat(outcome(Map.of("image.max.bytes", Integer.toString(JPEG.length))).results())
        .hasSize(1);
  }

  @Test
  void shouldRejectAnImageOneByteOverMaxBytesNamingTheLimit() throws Exception {
    Outcome outcome = outcome(Map.of("image.max.bytes", Integer.toString(JPEG.length - 1)));

    assertThat(outcome.results()).isEmpty();
    TestRecord<byte[], byte[]> dead = outcome.only();
    assertThat(header(dead, DeadLetterHeaders.REASON)).isEqualTo("too-large");
    assertThat(header(dead, DeadLetterHeaders.MESSAGE))
        .isEqualTo(
            "image is "
                + JPEG.length
                + " bytes, above the limit of "
                + (JPEG.length - 1)
                + " (image.max.bytes)");
  }

  @Test
  void shouldClassifyAnImageOfExactlyMaxPixels() throws Exception {
    assertThat(outcome(Map.of("image.max.pixels", Long.toString(PIXELS))).results()).hasSize(1);
  }

  @Test
  void shouldRejectAnImageOnePixelOverMaxPixelsNamingTheLimit() throws Exception {
    Outcome outcome = outcome(Map.of("image.max.pixels", Long.toString(PIXELS - 1)));

    assertThat(outcome.results()).isEmpty();
    TestRecord<byte[], byte[]> dead = outcome.only();
    assertThat(header(dead, DeadLetterHeaders.REASON)).isEqualTo("too-many-pixels");
    assertThat(header(dead, DeadLetterHeaders.MESSAGE))
        .isEqualTo("image is 64x48 = 3072 pixels, above the limit of 3071 (image.max.pixels)");
  }

  private Outcome outcome(Map<String, String> limits) throws Exception {
    try (var engine = TestEngines.small();
        TopologyDriver driver = new TopologyDriver(withBatchOfOne(limits), stateDir, engine)) {
      driver.pipeImage("img", JPEG, 0);
      driver.awaitWritten(1);
      return new Outcome(driver.results(), driver.deadLetters());
    }
  }

  private static Map<String, String> withBatchOfOne(Map<String, String> limits) {
    java.util.Map<String, String> out = new java.util.HashMap<>(limits);
    out.put("batch.max.size", "1");
    return out;
  }

  private record Outcome(
      List<TestRecord<byte[], byte[]>> results, List<TestRecord<byte[], byte[]>> deadLetters) {
    TestRecord<byte[], byte[]> only() {
      assertThat(deadLetters).hasSize(1);
      return deadLetters.get(0);
    }
  }
}
