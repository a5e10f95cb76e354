package googlenet.streams.service;

import static org.assertj.core.api.Assertions.assertThat;

import googlenet.streams.avro.Classification;
import googlenet.streams.config.GnsConfig;
import googlenet.streams.serde.AvroSerde;
import googlenet.streams.testing.BrokerKind;
import googlenet.streams.testing.CommittedReader;
import googlenet.streams.testing.KafkaBrokers;
import googlenet.streams.testing.TestBroker;
import googlenet.streams.testing.TestInputs;
import googlenet.streams.testing.TestModels;
import googlenet.streams.testing.TestProducer;
import googlenet.streams.tools.demo.SampleInput;
import googlenet.streams.topology.DeadLetterHeaders;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The whole pipeline against a real broker: every image accounted for exactly once. */
class PipelineEndToEndIT {
  private static final int GOOD = 450;
  private static final int BAD = 50;

  @TempDir Path stateDir;

  @ParameterizedTest(name = "{0}")
  @MethodSource("googlenet.streams.testing.KafkaBrokers#available")
  void shouldClassifyEveryGoodImageOnceAndDeadLetterEveryBadOneByteIdentical(BrokerKind kind)
      throws Exception {
    List<SampleInput> inputs = TestInputs.mixed(GOOD, BAD);
    try (TestBroker broker = KafkaBrokers.start(kind)) {
      broker.createTopic("images", 3);
      broker.createTopic("classifications", 3);
      broker.createTopic("images.dlq", 1);
      Map<String, byte[]> sent;
      try (TestProducer producer = new TestProducer(broker.bootstrapServers(), "images")) {
        producer.send(inputs);
        sent = producer.sent();
      }
      try (ClassificationService service = ClassificationService.create(config(broker));
          CommittedReader reader =
              new CommittedReader(broker.bootstrapServers(), "classifications", "images.dlq")) {
        service.start();
        reader.awaitRecords(r -> true, GOOD + BAD, Duration.ofSeconds(120));
        reader.drain(Duration.ofSeconds(1));
        assertResults(reader.records("classifications"), inputs);
        assertDeadLetters(reader.records("images.dlq"), inputs, sent);
      }
    }
  }

  private GnsConfig config(TestBroker broker) {
    return GnsConfig.fromMap(
        Map.of(
            "bootstrap.servers",
            broker.bootstrapServers(),
            "application.id",
            "e2e-" + broker.kind().name().toLowerCase(java.util.Locale.ROOT),
            "state.dir",
            stateDir.toString(),
            "model.path",
            TestModels.small().toString(),
            "batch.max.size",
            "8",
            "batch.max.delay.ms",
            "20",
            "metrics.port",
            "0"));
  }

  private static void assertResults(
      List<ConsumerRecord<String, byte[]>> records, List<SampleInput> inputs) {
    Set<String> good =
        inputs.stream().filter(SampleInput::good).map(SampleInput::id).collect(Collectors.toSet());
    AvroSerde<Classification> serde = AvroSerde.classification();
    List<String> keys = records.stream().map(ConsumerRecord::key).toList();
    assertThat(keys).hasSize(GOOD).doesNotHaveDuplicates();
    assertThat(Set.copyOf(keys)).isEqualTo(good);
    for (ConsumerRecord<String, byte[]> r : records) {
      Classification c = serde.decode(r.value());
      assertThat(c.getImageId()).isEqualTo(r.key());
      assertThat(c.getPredictions()).isNotEmpty();
      assertThat(c.getSource().getTopic()).isEqualTo("images");
    }
  }

  private static void assertDeadLetters(
      List<ConsumerRecord<String, byte[]>> records,
      List<SampleInput> inputs,
      Map<String, byte[]> sent) {
    Map<String, String> bad =
        inputs.stream()
            .filter(i -> !i.good())
            .collect(Collectors.toMap(SampleInput::id, SampleInput::expectedReject));
    List<String> keys = records.stream().map(ConsumerRecord::key).toList();
    assertThat(keys).hasSize(BAD).doesNotHaveDuplicates();
    assertThat(Set.copyOf(keys)).isEqualTo(bad.keySet());
    for (ConsumerRecord<String, byte[]> r : records) {
      assertThat(r.value()).as("value of %s", r.key()).isEqualTo(sent.get(r.key()));
      assertThat(header(r, DeadLetterHeaders.REASON))
          .as("reason of %s", r.key())
          .isEqualTo(bad.get(r.key()));
      assertThat(header(r, DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo("images");
    }
  }

  private static String header(ConsumerRecord<String, byte[]> r, String name) {
    Header h = r.headers().lastHeader(name);
    return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }
}
