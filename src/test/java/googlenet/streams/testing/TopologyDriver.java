package googlenet.streams.testing;

import googlenet.streams.avro.Classification;
import googlenet.streams.avro.ImageRecord;
import googlenet.streams.config.GnsConfig;
import googlenet.streams.inference.InferenceEngine;
import googlenet.streams.inference.SchedulerMetrics;
import googlenet.streams.serde.AvroSerde;
import googlenet.streams.service.Pipeline;
import googlenet.streams.topology.ClassificationTopology;
import googlenet.streams.topology.Nodes;
import googlenet.streams.topology.PendingRecord;
import googlenet.streams.topology.TopologyMetrics;
import googlenet.streams.topology.TopologySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;

/**
 * The real topology in a {@link TopologyTestDriver}, classifying with a real classifier on a real
 * engine. The classifier works on its own threads, so {@link #awaitWritten} advances the driver's
 * wall clock (which runs the processor's punctuation) until the expected outcomes are written, for
 * at most {@link #TIMEOUT}. Wall clock starts at {@link #START}.
 */
public final class TopologyDriver implements AutoCloseable {
  /** The driver's initial wall-clock time. */
  public static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

  /** Longest wait for outcomes. */
  public static final Duration TIMEOUT = Duration.ofSeconds(60);

  private static final AvroSerde<ImageRecord> IMAGES = AvroSerde.imageRecord();
  private static final AvroSerde<Classification> RESULTS = AvroSerde.classification();

  private final GnsConfig config;
  private final Pipeline pipeline;
  private final TopologyTestDriver driver;
  private final TestInputTopic<byte[], byte[]> input;
  private final TestOutputTopic<byte[], byte[]> output;
  private final TestOutputTopic<byte[], byte[]> dlq;
  private final List<TestRecord<byte[], byte[]>> results = new ArrayList<>();
  private final List<TestRecord<byte[], byte[]>> deadLetters = new ArrayList<>();

  /** A driver with default metrics (none). */
  public TopologyDriver(Map<String, String> overrides, Path stateDir, InferenceEngine engine)
      throws Exception {
    this(overrides, stateDir, engine, TopologyMetrics.NONE, SchedulerMetrics.NONE);
  }

  /**
   * A driver for the service configuration {@code overrides} describe (over test defaults: a small
   * model path, no warm-up, no metrics endpoint), on {@code engine}, which the caller closes.
   */
  public TopologyDriver(
      Map<String, String> overrides,
      Path stateDir,
      InferenceEngine engine,
      TopologyMetrics topologyMetrics,
      SchedulerMetrics schedulerMetrics)
      throws Exception {
    Map<String, String> keys = new HashMap<>();
    keys.put("bootstrap.servers", "unused:9092");
    keys.put("state.dir", stateDir.toString());
    keys.put("model.path", TestModels.small().toString());
    keys.put("model.warmup", "false");
    keys.put("metrics.enabled", "false");
    keys.putAll(overrides);
    this.config = GnsConfig.fromMap(keys);
    this.pipeline = Pipeline.around(engine, config, schedulerMetrics);
    this.driver =
        new TopologyTestDriver(
            ClassificationTopology.build(
                TopologySpec.of(config), pipeline.classifier(), topologyMetrics),
            config.streamsProperties(),
            START);
    ByteArraySerializer ser = new ByteArraySerializer();
    ByteArrayDeserializer de = new ByteArrayDeserializer();
    this.input = driver.createInputTopic(config.inputTopic(), ser, ser);
    this.output = driver.createOutputTopic(config.outputTopic(), de, de);
    this.dlq = driver.createOutputTopic(config.dlqTopic(), de, de);
  }

  /** The configuration the topology was built from. */
  public GnsConfig config() {
    return config;
  }

  /** The underlying driver. */
  public TopologyTestDriver driver() {
    return driver;
  }

  /** The Avro value of an image record with id {@code id}. */
  public static byte[] imageValue(String id, byte[] image) {
    return IMAGES.encode(
        ImageRecord.newBuilder()
            .setId(id)
            .setImage(ByteBuffer.wrap(image))
            .setCapturedAt(Instant.ofEpochMilli(1_000))
            .setAttributes(Map.of("camera", "gate-" + id))
            .build());
  }

  /** The key of the record {@link #pipe} sends for {@code id}: {@code key-<id>}. */
  public static byte[] key(String id) {
    return ("key-" + id).getBytes(StandardCharsets.UTF_8);
  }

  /** Pipes an image record with key {@code key-<id>}, a {@code trace} header and a timestamp. */
  public void pipeImage(String id, byte[] image, long timestamp) {
    pipe(id, imageValue(id, image), timestamp);
  }

  /** Pipes {@code value} with key {@code key-<id>}, a {@code trace} header and a timestamp. */
  public void pipe(String id, byte[] value, long timestamp) {
    Headers headers = new RecordHeaders().add("trace", id.getBytes(StandardCharsets.UTF_8));
    input.pipeInput(new TestRecord<>(key(id), value, headers, timestamp));
  }

  /** Advances the wall clock, which runs the processor's punctuation. */
  public void advance(Duration duration) {
    driver.advanceWallClockTime(duration);
  }

  /**
   * Advances the wall clock in small steps until at least {@code count} results and dead letters
   * have been written in all, reading them into {@link #results()} and {@link #deadLetters()}.
   *
   * @throws AssertionError when they are not written within {@link #TIMEOUT}
   */
  public void awaitWritten(int count) throws InterruptedException {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    collect();
    while (results.size() + deadLetters.size() < count) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "expected "
                + count
                + " outcomes within "
                + TIMEOUT
                + ", got "
                + results.size()
                + " results and "
                + deadLetters.size()
                + " dead letters");
      }
      Thread.sleep(2);
      driver.advanceWallClockTime(Duration.ofMillis(5));
      collect();
    }
  }

  private void collect() {
    results.addAll(output.readRecordsToList());
    deadLetters.addAll(dlq.readRecordsToList());
  }

  /** Every result read so far, in the order written. */
  public List<TestRecord<byte[], byte[]>> results() {
    collect();
    return results;
  }

  /** Every dead letter read so far, in the order written. */
  public List<TestRecord<byte[], byte[]>> deadLetters() {
    collect();
    return deadLetters;
  }

  /** The offsets waiting in the in-flight buffer, in order. */
  public List<Long> buffered() {
    KeyValueStore<Long, PendingRecord> store = driver.getKeyValueStore(Nodes.BUFFER_STORE);
    List<Long> offsets = new ArrayList<>();
    try (KeyValueIterator<Long, PendingRecord> it = store.all()) {
      it.forEachRemaining(kv -> offsets.add(kv.key));
    }
    return offsets;
  }

  /** Decodes a result's value. */
  public static Classification decode(TestRecord<byte[], byte[]> record) {
    return RESULTS.decode(record.value());
  }

  /** The UTF-8 value of the last header {@code name} of {@code record}, or null. */
  public static String header(TestRecord<byte[], byte[]> record, String name) {
    Header h = record.headers().lastHeader(name);
    return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }

  /** Closes the driver, then the classifier (not the engine). */
  @Override
  public void close() {
    driver.close();
    pipeline.close();
  }
}
