package googlenet.streams.topology;

import static googlenet.streams.testing.TopologyDriver.decode;
import static googlenet.streams.testing.TopologyDriver.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import googlenet.streams.avro.Classification;
import googlenet.streams.inference.OnnxInferenceEngine;
import googlenet.streams.testing.TestEngines;
import googlenet.streams.testing.TopologyDriver;
import googlenet.streams.tools.fixtures.SampleImages;
import java.nio.file.Path;
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
    engine = TestEngines.small();
  }

  @AfterAll
  static void closeEngine() {
    engine.close();
  }

  private static byte[] image(int seed) {
    return SampleImages.jpeg(64 + seed, 48, seed);
  }

  @Test
  void shouldRunAFullBatchWithoutWaitingForTheDelay() throws Exception {
    Map<String, String> keys = Map.of("batch.max.size", "3", "batch.max.delay.ms", "60000");
    try (TopologyDriver d = new TopologyDriver(keys, stateDir, engine)) {
      d.pipeImage("a", image(1), 100L);
      d.pipeImage("b", image(2), 200L);
      d.pipeImage("c", image(3), 300L);

      d.awaitWritten(3);

      List<TestRecord<byte[], byte[]>> out = d.results();
      assertThat(out).extracting(r -> decode(r).getImageId()).containsExactly("a", "b", "c");
      assertThat(out).extracting(r -> decode(r).getBatchSize()).containsOnly(3);
      assertThat(out).extracting(TestRecord::timestamp).containsExactly(100L, 200L, 300L);
      assertThat(d.buffered()).isEmpty();
      assertThat(d.deadLetters()).isEmpty();
    }
  }

  @Test
  void shouldKeepRecordsInTheBufferUntilTheirOutcomeIsWritten() throws Exception {
    Map<String, String> keys = Map.of("batch.max.size", "8", "batch.max.delay.ms", "60000");
    try (TopologyDriver d = new TopologyDriver(keys, stateDir, engine)) {
      d.pipeImage("a", image(1), 100L);
      d.pipeImage("b", image(2), 200L);

      assertThat(d.buffered()).containsExactly(0L, 1L);
      assertThat(d.results()).isEmpty();
    }
  }

  @Test
  void shouldGiveEachRecordTheProbabilitiesOfItsOwnImage() throws Exception {
    try (TopologyDriver d = new TopologyDriver(Map.of("batch.max.size", "3"), stateDir, engine)) {
      for (int i = 1; i <= 3; i++) {
        d.pipeImage("img" + i, image(i), i);
      }

      d.awaitWritten(3);

      List<TestRecord<byte[], byte[]>> out = d.results();
      assertThat(out).hasSize(3);
      for (int i = 1; i <= 3; i++) {
        float[] expected = TestEngines.probabilities(engine, image(i));
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
  void shouldRunAPartialBatchAfterTheDelayKeepingKeysTimestampsAndHeaders() throws Exception {
    Map<String, String> keys = Map.of("batch.max.size", "8", "batch.max.delay.ms", "20");
    try (TopologyDriver d = new TopologyDriver(keys, stateDir, engine)) {
      d.pipeImage("a", image(1), 100L);
      d.pipeImage("b", image(2), 200L);

      d.awaitWritten(2);

      List<TestRecord<byte[], byte[]>> out = d.results();
      assertThat(out)
          .extracting(TestRecord::key)
          .containsExactly(TopologyDriver.key("a"), TopologyDriver.key("b"));
      assertThat(out).extracting(TestRecord::timestamp).containsExactly(100L, 200L);
      assertThat(out).extracting(r -> header(r, "trace")).containsExactly("a", "b");
      assertThat(out).extracting(r -> decode(r).getBatchSize()).allMatch(size -> size <= 2);
      assertThat(d.buffered()).isEmpty();
    }
  }

  @Test
  void shouldWriteOutcomesInInputOrder() throws Exception {
    Map<String, String> keys = Map.of("batch.max.size", "3", "batch.max.delay.ms", "0");
    try (TopologyDriver d = new TopologyDriver(keys, stateDir, engine)) {
      for (int i = 0; i < 20; i++) {
        d.pipeImage("i" + i, i % 7 == 3 ? new byte[] {1, 2, 3} : image(i % 5), i);
      }

      d.awaitWritten(20);

      assertThat(d.results()).hasSize(17);
      assertThat(d.results())
          .extracting(r -> decode(r).getSource().getOffset())
          .isSorted()
          .doesNotHaveDuplicates();
      assertThat(d.deadLetters())
          .extracting(r -> header(r, DeadLetterHeaders.SOURCE_OFFSET))
          .containsExactly("3", "10", "17");
    }
  }

  @Test
  void shouldStampModelSourceAndImageFieldsOnEveryResult() throws Exception {
    try (TopologyDriver d = new TopologyDriver(Map.of("batch.max.size", "1"), stateDir, engine)) {
      d.pipeImage("a", image(1), 100L);

      d.awaitWritten(1);

      TestRecord<byte[], byte[]> r = d.results().get(0);
      Classification c = decode(r);
      assertThat(header(r, ResultHeaders.MODEL_NAME)).isEqualTo(engine.model().name());
      assertThat(header(r, ResultHeaders.MODEL_VERSION)).isEqualTo(engine.model().version());
      assertThat(header(r, ResultHeaders.MODEL_SHA256)).isEqualTo(engine.model().sha256());
      assertThat(header(r, "trace")).isEqualTo("a");
      assertThat(c.getModel().getSha256()).isEqualTo(engine.model().sha256());
      assertThat(c.getExecutionProvider()).isEqualTo("CPU");
      assertThat(c.getBatchSize()).isEqualTo(1);
      assertThat(c.getSource().getTopic()).isEqualTo("images");
      assertThat(c.getSource().getPartition()).isZero();
      assertThat(c.getSource().getOffset()).isZero();
      assertThat(c.getCapturedAt()).isEqualTo(Instant.ofEpochMilli(1_000));
      assertThat(c.getAttributes()).containsEntry("camera", "gate-a");
      assertThat(c.getClassifiedAt()).isAfterOrEqualTo(TopologyDriver.START);
      assertThat(c.getInferenceMicros()).isPositive();
      assertThat(c.getPredictions().get(0).getSynsetId()).startsWith("n");
    }
  }

  @Test
  void shouldKeepBatchingAroundARejectedImage() throws Exception {
    Map<String, String> keys = Map.of("batch.max.size", "2", "batch.max.delay.ms", "60000");
    try (TopologyDriver d = new TopologyDriver(keys, stateDir, engine)) {
      d.pipeImage("a", image(1), 1L);
      d.pipeImage("bad", new byte[0], 2L);
      d.pipeImage("c", image(3), 3L);

      d.awaitWritten(3);

      assertThat(d.results()).extracting(r -> decode(r).getImageId()).containsExactly("a", "c");
      assertThat(d.results()).extracting(r -> decode(r).getBatchSize()).containsOnly(2);
      assertThat(d.deadLetters())
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
