package googlenet.streams.topology;

import static googlenet.streams.topology.Harness.decode;
import static googlenet.streams.topology.Harness.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import googlenet.streams.avro.Classification;
import googlenet.streams.inference.OnnxInferenceEngine;
import googlenet.streams.tools.fixtures.SampleImages;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BatchingTopologyTest {
  private static OnnxInferenceEngine engine;
  @TempDir Path stateDir;

  @BeforeAll
  static void openEngine() throws Exception {
    engine = Engines.small();
  }

  @AfterAll
  static void closeEngine() {
    engine.close();
  }

  private static byte[] image(int seed) {
    return SampleImages.jpeg(64 + seed, 48, seed);
  }

  @Test
  void shouldFlushWhenBatchIsFull() throws Exception {
    try (Harness h = new Harness(Map.of("batch.max.size", "3"), stateDir, engine)) {
      h.pipe("a", Harness.imageValue("a", image(1)), 100L);
      h.pipe("b", Harness.imageValue("b", image(2)), 200L);

      assertThat(h.output.isEmpty()).isTrue();
      assertThat(h.buffered()).containsExactly(0L, 1L);

      h.pipe("c", Harness.imageValue("c", image(3)), 300L);

      List<TestRecord<byte[], byte[]>> out = h.output.readRecordsToList();
      assertThat(out).extracting(r -> decode(r).getImageId()).containsExactly("a", "b", "c");
      assertThat(out).extracting(r -> decode(r).getBatchSize()).containsOnly(3);
      assertThat(out).extracting(TestRecord::timestamp).containsExactly(100L, 200L, 300L);
      assertThat(h.buffered()).isEmpty();
      assertThat(h.dlq.isEmpty()).isTrue();
    }
  }

  @Test
  void shouldGiveEachRecordTheProbabilitiesOfItsOwnImage() throws Exception {
    try (Harness h = new Harness(Map.of("batch.max.size", "3"), stateDir, engine)) {
      for (int i = 1; i <= 3; i++) {
        h.pipe("img" + i, Harness.imageValue("img" + i, image(i)), i);
      }

      List<TestRecord<byte[], byte[]>> out = h.output.readRecordsToList();
      assertThat(out).hasSize(3);
      for (int i = 1; i <= 3; i++) {
        float[] expected = Engines.probabilities(engine, image(i));
        Classification c = decode(out.get(i - 1));
        assertThat(c.getPredictions()).hasSize(5);
        int top = c.getPredictions().get(0).getClassIndex();
        assertThat(c.getPredictions().get(0).getProbability())
            .isCloseTo(expected[top], within(1e-4f));
        assertThat(expected[top]).isEqualTo(max(expected));
      }
    }
  }

  @Test
  void shouldNotFlushAPartialBatchBeforeTheMaxDelay() throws Exception {
    Map<String, String> keys = Map.of("batch.max.size", "8", "batch.max.delay.ms", "1000");
    try (Harness h = new Harness(keys, stateDir, engine)) {
      h.pipe("a", Harness.imageValue("a", image(1)), 100L);
      h.pipe("b", Harness.imageValue("b", image(2)), 200L);

      h.advance(Duration.ofMillis(500));

      assertThat(h.output.isEmpty()).isTrue();
      assertThat(h.buffered()).hasSize(2);
    }
  }

  @Test
  void shouldFlushAPartialBatchOnWallClockKeepingKeysTimestampsAndHeaders() throws Exception {
    Map<String, String> keys = Map.of("batch.max.size", "8", "batch.max.delay.ms", "1000");
    try (Harness h = new Harness(keys, stateDir, engine)) {
      h.pipe("a", Harness.imageValue("a", image(1)), 100L);
      h.pipe("b", Harness.imageValue("b", image(2)), 200L);

      h.advance(Duration.ofMillis(500));
      h.advance(Duration.ofMillis(600));

      List<TestRecord<byte[], byte[]>> out = h.output.readRecordsToList();
      assertThat(out).hasSize(2);
      assertThat(out)
          .extracting(TestRecord::key)
          .containsExactly(Harness.key("a"), Harness.key("b"));
      assertThat(out).extracting(TestRecord::timestamp).containsExactly(100L, 200L);
      assertThat(out).extracting(r -> header(r, "trace")).containsExactly("a", "b");
      assertThat(out).extracting(r -> decode(r).getBatchSize()).containsOnly(2);
      assertThat(h.buffered()).isEmpty();
    }
  }

  @Test
  void shouldStampModelSourceAndImageFieldsOnEveryResult() throws Exception {
    try (Harness h = new Harness(Map.of("batch.max.size", "1"), stateDir, engine)) {
      h.pipe("a", Harness.imageValue("a", image(1)), 100L);

      TestRecord<byte[], byte[]> r = h.output.readRecord();
      Classification c = decode(r);
      assertThat(header(r, ResultHeaders.MODEL_NAME)).isEqualTo(engine.model().name());
      assertThat(header(r, ResultHeaders.MODEL_VERSION)).isEqualTo(engine.model().version());
      assertThat(header(r, ResultHeaders.MODEL_SHA256)).isEqualTo(engine.model().sha256());
      assertThat(header(r, "trace")).isEqualTo("a");
      assertThat(c.getModel().getSha256()).isEqualTo(engine.model().sha256());
      assertThat(c.getExecutionProvider()).isEqualTo("CPU");
      assertThat(c.getSource().getTopic()).isEqualTo("images");
      assertThat(c.getSource().getPartition()).isZero();
      assertThat(c.getSource().getOffset()).isZero();
      assertThat(c.getCapturedAt()).isEqualTo(Instant.ofEpochMilli(1_000));
      assertThat(c.getAttributes()).containsEntry("camera", "gate-a");
      assertThat(c.getClassifiedAt()).isEqualTo(Harness.START);
      assertThat(c.getInferenceMicros()).isPositive();
      assertThat(c.getPredictions().get(0).getSynsetId()).startsWith("n");
    }
  }

  @Test
  void shouldClassifyEachRecordAtOnceWithoutAStoreWhenBatchSizeIsOne() throws Exception {
    try (Harness h = new Harness(Map.of("batch.max.size", "1"), stateDir, engine)) {
      h.pipe("a", Harness.imageValue("a", image(1)), 100L);

      assertThat(h.output.readRecordsToList())
          .singleElement()
          .satisfies(r -> assertThat(decode(r).getBatchSize()).isEqualTo(1))
          .satisfies(r -> assertThat(r.timestamp()).isEqualTo(100L));
      assertThat(h.driver.getAllStateStores()).isEmpty();
    }
  }

  @Test
  void shouldKeepBatchingAroundARejectedImage() throws Exception {
    try (Harness h = new Harness(Map.of("batch.max.size", "2"), stateDir, engine)) {
      h.pipe("a", Harness.imageValue("a", image(1)), 1L);
      h.pipe("bad", Harness.imageValue("bad", new byte[0]), 2L);
      h.pipe("c", Harness.imageValue("c", image(3)), 3L);

      assertThat(h.output.readRecordsToList())
          .extracting(r -> decode(r).getImageId())
          .containsExactly("a", "c");
      assertThat(h.dlq.readRecordsToList())
          .extracting(r -> header(r, DeadLetterHeaders.SOURCE_OFFSET))
          .containsExactly("1");
    }
  }

  private static float max(float[] values) {
    float max = Float.NEGATIVE_INFINITY;
    for (float v : values) {
      max = Math.max(max, v);
    }
    return max;
  }
}
