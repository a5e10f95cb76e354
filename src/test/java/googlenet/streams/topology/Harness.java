package googlenet.streams.topology;

import googlenet.streams.avro.Classification;
import googlenet.streams.avro.ImageRecord;
import googlenet.streams.config.GnsConfig;
import googlenet.streams.inference.InferenceEngine;
import googlenet.streams.serde.AvroSerde;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;

/** A TopologyTestDriver around the real topology, with byte topics and helpers to read results. */
final class Harness implements AutoCloseable {
  static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
  static final AvroSerde<ImageRecord> IMAGES = AvroSerde.imageRecord();
  static final AvroSerde<Classification> RESULTS = AvroSerde.classification();

  final GnsConfig config;
  final TopologyTestDriver driver;
  final TestInputTopic<byte[], byte[]> input;
  final TestOutputTopic<byte[], byte[]> output;
  final TestOutputTopic<byte[], byte[]> dlq;

  Harness(Map<String, String> overrides, Path stateDir, InferenceEngine engine) {
    Map<String, String> keys = new HashMap<>();
    keys.put("bootstrap.servers", "unused:9092");
    keys.put("state.dir", stateDir.toString());
    keys.put("batch.max.delay.ms", "60000");
    keys.putAll(overrides);
    this.config = GnsConfig.fromMap(keys);
    Properties props = config.streamsProperties();
    this.driver =
        new TopologyTestDriver(ClassificationTopology.build(config, engine), props, START);
    ByteArraySerializer ser = new ByteArraySerializer();
    ByteArrayDeserializer de = new ByteArrayDeserializer();
    this.input = driver.createInputTopic(config.inputTopic(), ser, ser);
    this.output = driver.createOutputTopic(config.outputTopic(), de, de);
    this.dlq = driver.createOutputTopic(config.dlqTopic(), de, de);
  }

  /** The Avro value of an image record with id {@code id}. */
  static byte[] imageValue(String id, byte[] image) {
    return IMAGES.encode(
        ImageRecord.newBuilder()
            .setId(id)
            .setImage(ByteBuffer.wrap(image))
            .setCapturedAt(Instant.ofEpochMilli(1_000))
            .setAttributes(Map.of("camera", "gate-" + id))
            .build());
  }

  /** Headers with one {@code trace} header naming the record. */
  static Headers trace(String value) {
    return new RecordHeaders().add("trace", value.getBytes(StandardCharsets.UTF_8));
  }

  /** Pipes a record with key {@code key-<id>}, a trace header and the given timestamp. */
  void pipe(String id, byte[] value, long timestamp) {
    input.pipeInput(new TestRecord<>(key(id), value, trace(id), timestamp));
  }

  static byte[] key(String id) {
    return ("key-" + id).getBytes(StandardCharsets.UTF_8);
  }

  /** The value of header {@code name}, or null. */
  static String header(TestRecord<byte[], byte[]> record, String name) {
    Header h = record.headers().lastHeader(name);
    return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }

  static Classification decode(TestRecord<byte[], byte[]> record) {
    return RESULTS.decode(record.value());
  }

  void advance(Duration duration) {
    driver.advanceWallClockTime(duration);
  }

  /** The offsets buffered in the batch store, in order. */
  List<Long> buffered() {
    KeyValueStore<Long, PendingRecord> store = driver.getKeyValueStore(Nodes.BUFFER_STORE);
    try (KeyValueIterator<Long, PendingRecord> it = store.all()) {
      List<Long> offsets = new java.util.ArrayList<>();
      it.forEachRemaining((KeyValue<Long, PendingRecord> kv) -> offsets.add(kv.key));
      return offsets;
    }
  }

  @Override
  public void close() {
    driver.close();
  }
}
