package googlenet.streams.topology;

import static googlenet.streams.testing.TopologyDriver.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import googlenet.streams.avro.ModelRef;
import googlenet.streams.inference.InferenceEngine;
import googlenet.streams.inference.OnnxInferenceEngine;
import googlenet.streams.serde.AvroSerde;
import googlenet.streams.testing.TestEngines;
import googlenet.streams.testing.TopologyDriver;
import googlenet.streams.tools.fixtures.BrokenImage;
import googlenet.streams.tools.fixtures.SampleImages;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DeadLetterTopologyTest {
  private static OnnxInferenceEngine engine;
  @TempDir Path stateDir;

  @BeforeAll
  static void openEngine() throws Exception {
    engine = TestEngines.small();
  }

  @AfterAll
  static void closeEngine() {
    engine.close();
  }

  static Stream<Arguments> brokenImages() {
    return SampleImages.broken().stream().map(b -> Arguments.of(b.name(), b, b.expected().code()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("brokenImages")
  void shouldSendABrokenImageToTheDlqByteForByteWithItsReason(
      String name, BrokenImage broken, String reason) throws Exception {
    byte[] value = TopologyDriver.imageValue(name, broken.bytes());

    List<TestRecord<byte[], byte[]>> dlq = runOne(Map.of(), value);

    assertDeadLetter(dlq, value, reason);
  }

  @Test
  void shouldSendUndeserializableBytesToTheDlq() throws Exception {
    byte[] value = "just some text".getBytes(StandardCharsets.UTF_8);

    List<TestRecord<byte[], byte[]>> dlq = runOne(Map.of(), value);

    assertDeadLetter(dlq, value, DeadLetterHeaders.UNDESERIALIZABLE);
    assertThat(header(dlq.get(0), DeadLetterHeaders.MESSAGE)).contains("expected magic bytes");
    assertThat(header(dlq.get(0), DeadLetterHeaders.EXCEPTION))
        .isEqualTo("org.apache.kafka.common.errors.SerializationException");
  }

  @Test
  void shouldSendAvroOfAnotherSchemaToTheDlq() throws Exception {
    byte[] value = AvroSerde.forClass(ModelRef.class).encode(new ModelRef("n", "v", "s"));

    List<TestRecord<byte[], byte[]>> dlq = runOne(Map.of(), value);

    assertDeadLetter(dlq, value, DeadLetterHeaders.UNDESERIALIZABLE);
    assertThat(header(dlq.get(0), DeadLetterHeaders.MESSAGE)).contains("unknown schema");
  }

  @Test
  void shouldSendANullValueToTheDlq() throws Exception {
    List<TestRecord<byte[], byte[]>> dlq = runOne(Map.of(), null);

    assertDeadLetter(dlq, null, DeadLetterHeaders.NULL_VALUE);
    assertThat(header(dlq.get(0), DeadLetterHeaders.EXCEPTION))
        .isEqualTo(NullValueException.class.getName());
  }

  @Test
  void shouldSendAnImageAboveTheByteLimitToTheDlq() throws Exception {
    byte[] jpeg = SampleImages.jpeg(224, 224, 5);
    assertThat(jpeg.length).isGreaterThan(1000);
    byte[] value = TopologyDriver.imageValue("big", jpeg);

    List<TestRecord<byte[], byte[]>> dlq = runOne(Map.of("image.max.bytes", "1000"), value);

    assertDeadLetter(dlq, value, "too-large");
  }

  @Test
  void shouldSendAnImageAboveThePixelLimitToTheDlq() throws Exception {
    byte[] value = TopologyDriver.imageValue("wide", SampleImages.png(200, 100, 5));

    List<TestRecord<byte[], byte[]>> dlq = runOne(Map.of("image.max.pixels", "19999"), value);

    assertDeadLetter(dlq, value, "too-many-pixels");
  }

  @Test
  void shouldRetryAFailedBatchImageByImageAndDeadLetterOnlyTheImageThatFailsAlone()
      throws Exception {
    byte[] marked = SampleImages.jpeg(80, 60, 99);
    InferenceEngine failing = TestEngines.failingOn(engine, marked, false);
    byte[] markedValue = TopologyDriver.imageValue("marked", marked);
    Map<String, String> keys = Map.of("batch.max.size", "3", "batch.max.delay.ms", "60000");
    try (TopologyDriver d = new TopologyDriver(keys, stateDir, failing)) {
      d.pipeImage("a", SampleImages.jpeg(64, 48, 1), 1L);
      d.pipe("marked", markedValue, 2L);
      d.pipeImage("c", SampleImages.jpeg(64, 48, 3), 3L);

      d.awaitWritten(3);

      List<TestRecord<byte[], byte[]>> out = d.results();
      assertThat(out)
          .extracting(r -> TopologyDriver.decode(r).getImageId())
          .containsExactly("a", "c");
      assertThat(out).extracting(r -> TopologyDriver.decode(r).getBatchSize()).containsOnly(1);
      List<TestRecord<byte[], byte[]>> dlq = d.deadLetters();
      assertThat(dlq).hasSize(1);
      assertThat(dlq.get(0).value()).isEqualTo(markedValue);
      assertThat(dlq.get(0).key()).isEqualTo(TopologyDriver.key("marked"));
      assertThat(header(dlq.get(0), DeadLetterHeaders.REASON)).isEqualTo("inference-failed");
      assertThat(header(dlq.get(0), DeadLetterHeaders.SOURCE_OFFSET)).isEqualTo("1");
      assertThat(header(dlq.get(0), DeadLetterHeaders.MESSAGE)).contains("injected failure");
      assertThat(d.buffered()).isEmpty();
    }
  }

  @Test
  void shouldStopTheStreamOnAFatalEngineFailure() throws Exception {
    byte[] marked = SampleImages.jpeg(80, 60, 99);
    InferenceEngine failing = TestEngines.failingOn(engine, marked, true);
    try (TopologyDriver d = new TopologyDriver(Map.of("batch.max.size", "1"), stateDir, failing)) {
      d.pipeImage("marked", marked, 1L);

      assertThatThrownBy(() -> d.awaitWritten(1))
          .isInstanceOf(StreamsException.class)
          .hasStackTraceContaining("inference engine failed fatally")
          .hasStackTraceContaining("injected failure");
      assertThat(d.results()).isEmpty();
      assertThat(d.deadLetters()).isEmpty();
    }
  }

  private List<TestRecord<byte[], byte[]>> runOne(Map<String, String> keys, byte[] value)
      throws Exception {
    try (TopologyDriver d = new TopologyDriver(keys, stateDir, engine)) {
      d.pipe("x", value, 42L);
      d.awaitWritten(1);
      assertThat(d.results()).isEmpty();
      return d.deadLetters();
    }
  }

  private static void assertDeadLetter(
      List<TestRecord<byte[], byte[]>> dlq, byte[] value, String reason) {
    assertThat(dlq).hasSize(1);
    TestRecord<byte[], byte[]> r = dlq.get(0);
    assertThat(r.key()).isEqualTo(TopologyDriver.key("x"));
    assertThat(r.value()).isEqualTo(value);
    assertThat(r.timestamp()).isEqualTo(42L);
    assertThat(header(r, "trace")).isEqualTo("x");
    assertThat(header(r, DeadLetterHeaders.REASON)).isEqualTo(reason);
    assertThat(header(r, DeadLetterHeaders.MESSAGE)).isNotBlank();
    assertThat(header(r, DeadLetterHeaders.EXCEPTION)).isNotBlank();
    assertThat(header(r, DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo("images");
    assertThat(header(r, DeadLetterHeaders.SOURCE_PARTITION)).isEqualTo("0");
    assertThat(header(r, DeadLetterHeaders.SOURCE_OFFSET)).isEqualTo("0");
  }
}
