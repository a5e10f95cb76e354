package googlenet.streams.ops;

import googlenet.streams.avro.ImageRecord;
import googlenet.streams.config.GnsConfig;
import googlenet.streams.inference.EngineConfig;
import googlenet.streams.inference.InferenceEngine;
import googlenet.streams.inference.InferenceException;
import googlenet.streams.inference.OnnxInferenceEngine;
import googlenet.streams.serde.AvroSerde;
import googlenet.streams.testing.TestModels;
import googlenet.streams.topology.ClassificationTopology;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

/**
 * The real topology in a {@link TopologyTestDriver} around a real engine on the small synthetic
 * model, reporting to the given metrics. Wall clock starts at {@link #START}.
 */
final class DriverFixture implements AutoCloseable {
  static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

  private final InferenceEngine engine;
  private final TopologyTestDriver driver;
  private final TestInputTopic<byte[], byte[]> input;
  private final TestOutputTopic<byte[], byte[]> output;
  private final TestOutputTopic<byte[], byte[]> dlq;
  private final AvroSerde<ImageRecord> serde = AvroSerde.imageRecord();

  DriverFixture(Map<String, String> overrides, PipelineMetrics metrics) throws InferenceException {
    Map<String, String> props = new HashMap<>();
    props.put("bootstrap.servers", "unused:9092");
    props.put("model.path", TestModels.small().toString());
    props.put("model.warmup", "false");
    props.putAll(overrides);
    GnsConfig config = GnsConfig.fromMap(props);
    engine = OnnxInferenceEngine.open(EngineConfig.cpu(TestModels.small()));
    Properties streams = config.streamsProperties();
    driver =
        new TopologyTestDriver(
            ClassificationTopology.build(config, engine, metrics), streams, START);
    ByteArraySerializer ser = new ByteArraySerializer();
    ByteArrayDeserializer de = new ByteArrayDeserializer();
    input = driver.createInputTopic(config.inputTopic(), ser, ser);
    output = driver.createOutputTopic(config.outputTopic(), de, de);
    dlq = driver.createOutputTopic(config.dlqTopic(), de, de);
  }

  InferenceEngine engine() {
    return engine;
  }

  /** Sends an ImageRecord with these image bytes, timestamped {@code ageMs} before START. */
  void sendImage(String id, byte[] image, long ageMs) {
    ImageRecord record =
        ImageRecord.newBuilder().setId(id).setImage(ByteBuffer.wrap(image)).build();
    sendRaw(id, serde.encode(record), ageMs);
  }

  /** Sends raw value bytes, timestamped {@code ageMs} before START. */
  void sendRaw(String key, byte[] value, long ageMs) {
    input.pipeInput(
        new TestRecord<>(key.getBytes(StandardCharsets.UTF_8), value, START.minusMillis(ageMs)));
  }

  /** Advances wall-clock time, which runs the punctuator. */
  void advance(Duration duration) {
    driver.advanceWallClockTime(duration);
  }

  List<TestRecord<byte[], byte[]>> results() {
    return output.readRecordsToList();
  }

  List<TestRecord<byte[], byte[]>> deadLetters() {
    return dlq.readRecordsToList();
  }

  /** The UTF-8 value of the last header {@code name} of {@code record}. */
  static String header(TestRecord<byte[], byte[]> record, String name) {
    Header h = record.headers().lastHeader(name);
    return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    driver.close();
    engine.close();
  }
}
