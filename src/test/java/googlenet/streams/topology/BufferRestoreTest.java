package googlenet.streams.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import googlenet.streams.avro.Classification;
import googlenet.streams.config.GnsConfig;
import googlenet.streams.inference.OnnxInferenceEngine;
import googlenet.streams.inference.SchedulerMetrics;
import googlenet.streams.service.Pipeline;
import googlenet.streams.testing.TestEngines;
import googlenet.streams.testing.TopologyDriver;
import googlenet.streams.tools.fixtures.SampleImages;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.MockProcessorContext.CapturedForward;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the processor does with records that were in its buffer when its task moved or its instance
 * crashed: the store comes back (restored from the changelog), the classifier's work on them does
 * not. TopologyTestDriver wipes its state directory on close, so it cannot show a restart; this
 * test drives the processor with a real store filled as a restoration leaves it, then runs init()
 * as Kafka Streams does after restoration. The broker integration tests cover the crash itself.
 */
class BufferRestoreTest {
  private static final long NOW = 1_000_000L;
  private static OnnxInferenceEngine engine;

  @BeforeAll
  static void openEngine() throws Exception {
    engine = TestEngines.small();
  }

  @AfterAll
  static void closeEngine() {
    engine.close();
  }

  @Test
  void shouldClassifyRestoredRecordsAgainExactlyOnce() throws Exception {
    try (Fixture f = new Fixture(Map.of("batch.max.size", "8"))) {
      f.restore(10, "a", SampleImages.jpeg(64, 48, 1));
      f.restore(11, "b", SampleImages.jpeg(64, 48, 2));

      f.init();
      f.punctuateUntil(2);

      List<Record<byte[], byte[]>> out = f.results();
      assertThat(out).extracting(r -> f.decode(r).getImageId()).containsExactly("a", "b");
      assertThat(out)
          .extracting(r -> f.decode(r).getSource().getOffset())
          .containsExactly(10L, 11L);
      assertThat(out).extracting(Record::timestamp).containsExactly(10L, 11L);
      assertThat(out)
          .extracting(r -> new String(r.key(), StandardCharsets.UTF_8))
          .containsExactly("key-a", "key-b");
      assertThat(out).extracting(r -> trace(r)).containsExactly("a", "b");
      float[] expected = TestEngines.probabilities(engine, SampleImages.jpeg(64, 48, 2));
      var top = f.decode(out.get(1)).getPredictions().get(0);
      assertThat(top.getProbability()).isCloseTo(expected[top.getClassIndex()], within(1e-4f));
      assertThat(f.storeSize()).isZero();

      f.context.resetForwards();
      f.punctuate();
      assertThat(f.context.forwarded()).isEmpty();
    }
  }

  @Test
  void shouldRunAnOversizedRestoredBufferInBatchesOfTheConfiguredSize() throws Exception {
    try (Fixture f = new Fixture(Map.of("batch.max.size", "2"))) {
      for (int i = 0; i < 5; i++) {
        f.restore(i, "r" + i, SampleImages.jpeg(64, 48, i));
      }

      f.init();
      f.punctuateUntil(5);

      List<Record<byte[], byte[]>> out = f.results();
      assertThat(out)
          .extracting(r -> f.decode(r).getImageId())
          .containsExactly("r0", "r1", "r2", "r3", "r4");
      assertThat(out).extracting(r -> f.decode(r).getBatchSize()).allMatch(size -> size <= 2);
      assertThat(f.storeSize()).isZero();
    }
  }

  @Test
  void shouldClassifyRestoredAndNewRecordsEachWithItsOwnImage() throws Exception {
    try (Fixture f = new Fixture(Map.of("batch.max.size", "2"))) {
      byte[] restored = SampleImages.jpeg(64, 48, 5);
      byte[] fresh = SampleImages.png(70, 50, 6);
      f.restore(5, "old", restored);
      f.init();

      f.context.setRecordMetadata("images", 0, 6);
      f.processor.process(
          new Record<>(TopologyDriver.key("new"), TopologyDriver.imageValue("new", fresh), 6L));
      f.punctuateUntil(2);

      List<Record<byte[], byte[]>> out = f.results();
      assertThat(out).extracting(r -> f.decode(r).getImageId()).containsExactly("old", "new");
      assertTopMatches(f.decode(out.get(0)), TestEngines.probabilities(engine, restored));
      assertTopMatches(f.decode(out.get(1)), TestEngines.probabilities(engine, fresh));
    }
  }

  @Test
  void shouldDeadLetterARestoredRecordThatTheCurrentLimitsReject() throws Exception {
    try (Fixture f = new Fixture(Map.of("batch.max.size", "4", "image.max.pixels", "1000"))) {
      byte[] value = f.restore(3, "big", SampleImages.jpeg(64, 48, 1));

      f.init();
      f.punctuateUntil(1);

      assertThat(f.results()).isEmpty();
      List<CapturedForward<? extends byte[], ? extends byte[]>> dlq =
          f.context.forwarded(Nodes.DLQ_SINK);
      assertThat(dlq).hasSize(1);
      assertThat(dlq.get(0).record().value()).isEqualTo(value);
      assertThat(dlq.get(0).record().headers().lastHeader(DeadLetterHeaders.REASON).value())
          .isEqualTo("too-many-pixels".getBytes(StandardCharsets.UTF_8));
      assertThat(f.storeSize()).isZero();
    }
  }

  @Test
  void shouldDeadLetterARestoredOffsetWhoseRecordIsGoneFromTheInputTopic() throws Exception {
    try (Fixture f = new Fixture(Map.of("batch.max.size", "4"))) {
      f.restore(6, "kept", SampleImages.jpeg(64, 48, 6));
      f.store.put(7L, new byte[0]);

      f.init();
      f.punctuateUntil(2);

      assertThat(f.results()).extracting(r -> f.decode(r).getImageId()).containsExactly("kept");
      List<CapturedForward<? extends byte[], ? extends byte[]>> dlq =
          f.context.forwarded(Nodes.DLQ_SINK);
      assertThat(dlq).hasSize(1);
      Record<? extends byte[], ? extends byte[]> gone = dlq.get(0).record();
      assertThat(gone.key()).isNull();
      assertThat(gone.value()).isNull();
      assertThat(gone.headers().lastHeader(DeadLetterHeaders.REASON).value())
          .isEqualTo("source-missing".getBytes(StandardCharsets.UTF_8));
      assertThat(gone.headers().lastHeader(DeadLetterHeaders.SOURCE_OFFSET).value())
          .isEqualTo("7".getBytes(StandardCharsets.UTF_8));
      assertThat(f.storeSize()).isZero();
    }
  }

  private static void assertTopMatches(Classification c, float[] expected) {
    var top = c.getPredictions().get(0);
    assertThat(top.getProbability()).isCloseTo(expected[top.getClassIndex()], within(1e-4f));
  }

  private static String trace(Record<byte[], byte[]> r) {
    return new String(r.headers().lastHeader("trace").value(), StandardCharsets.UTF_8);
  }

  /** A processor on a mock context with a real (in-memory) buffer store. */
  private static final class Fixture implements AutoCloseable {
    final MockProcessorContext<byte[], byte[]> context = new MockProcessorContext<>();
    final KeyValueStore<Long, byte[]> store;
    final Map<Long, PendingRecord> inputTopic = new HashMap<>();
    final ClassifyProcessor processor;
    final Pipeline pipeline;

    Fixture(Map<String, String> overrides) throws Exception {
      Map<String, String> keys = new HashMap<>(overrides);
      keys.put("batch.max.delay.ms", "1000");
      keys.put("model.path", "synthetic-small");
      keys.put("bootstrap.servers", "unused:9092");
      GnsConfig config = GnsConfig.fromMap(keys);
      store =
          Stores.keyValueStoreBuilder(
                  Stores.inMemoryKeyValueStore(Nodes.BUFFER_STORE),
                  Serdes.Long(),
                  Serdes.ByteArray())
              .withLoggingDisabled()
              .build();
      store.init(context.getStateStoreContext(), store);
      context.addStateStore(store);
      context.setCurrentSystemTimeMs(NOW);
      pipeline = Pipeline.around(engine, config, SchedulerMetrics.NONE);
      processor =
          new ClassifyProcessor(
              TopologySpec.of(config).withFetcher(this::readBack),
              pipeline.classifier(),
              TopologyMetrics.NONE);
    }

    /** What the input topic still holds at these offsets. */
    private Map<Long, PendingRecord> readBack(
        String topic, int partition, SortedSet<Long> offsets) {
      assertThat(topic).isEqualTo("images");
      assertThat(partition).isZero();
      Map<Long, PendingRecord> found = new HashMap<>(inputTopic);
      found.keySet().retainAll(offsets);
      return found;
    }

    /**
     * Puts a record into the input topic and its offset into the store, as a changelog restoration
     * leaves it; returns its value.
     */
    byte[] restore(long offset, String id, byte[] image) {
      byte[] value = TopologyDriver.imageValue(id, image);
      Header[] headers = {new RecordHeader("trace", id.getBytes(StandardCharsets.UTF_8))};
      inputTopic.put(
          offset,
          new PendingRecord(TopologyDriver.key(id), value, headers, offset, "images", 0, offset));
      store.put(offset, new byte[0]);
      return value;
    }

    void init() {
      processor.init(context);
    }

    void punctuate() {
      context.setCurrentSystemTimeMs(context.currentSystemTimeMs() + 1);
      context
          .scheduledPunctuators()
          .get(0)
          .getPunctuator()
          .punctuate(context.currentSystemTimeMs());
    }

    /** Punctuates until {@code n} records have been forwarded in all, for at most a minute. */
    void punctuateUntil(int n) throws InterruptedException {
      long deadline = System.nanoTime() + 60_000_000_000L;
      while (context.forwarded().size() < n) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError("only " + context.forwarded().size() + " of " + n + " written");
        }
        Thread.sleep(2);
        punctuate();
      }
    }

    @Override
    public void close() {
      processor.close();
      pipeline.close();
    }

    List<Record<byte[], byte[]>> results() {
      List<Record<byte[], byte[]>> out = new ArrayList<>();
      context.forwarded(Nodes.OUTPUT_SINK).forEach(f -> out.add(cast(f.record())));
      return out;
    }

    @SuppressWarnings("unchecked")
    private static Record<byte[], byte[]> cast(Record<? extends byte[], ? extends byte[]> r) {
      return (Record<byte[], byte[]>) r;
    }

    Classification decode(Record<byte[], byte[]> r) {
      return TopologyDriver.decode(
          new org.apache.kafka.streams.test.TestRecord<>(r.key(), r.value()));
    }

    long storeSize() {
      try (var it = store.all()) {
        long n = 0;
        while (it.hasNext()) {
          it.next();
          n++;
        }
        return n;
      }
    }
  }
}
