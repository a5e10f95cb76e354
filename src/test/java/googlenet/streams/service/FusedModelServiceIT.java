package googlenet.streams.service;

import static org.assertj.core.api.Assertions.assertThat;

import googlenet.streams.avro.Classification;
import googlenet.streams.config.GnsConfig;
import googlenet.streams.image.PreprocessProfile;
import googlenet.streams.model.FusedPreprocessing;
import googlenet.streams.model.PreprocessFuser;
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
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service on a real broker with a model that has the preprocessing fused in: it feeds the model
 * uint8 pixels, labels every good image once with that model and dead-letters the bad ones with the
 * same reasons as the float path.
 */
class FusedModelServiceIT {
  private static final int GOOD = 60;
  private static final int BAD = 20;

  @TempDir Path dir;

  @Test
  void shouldLabelEveryGoodImageOnceWithTheFusedModel() throws Exception {
    Path fused = dir.resolve("fused.onnx");
    PreprocessProfile caffe = PreprocessProfile.CAFFE_BGR;
    PreprocessFuser.prepare(
        TestModels.small(),
        fused,
        new FusedPreprocessing(
            caffe.id(), 224, 224, caffe.sourceChannels(), caffe.mean(), caffe.scale()));
    List<SampleInput> inputs = TestInputs.mixed(GOOD, BAD);
    try (TestBroker broker = KafkaBrokers.start(BrokerKind.EMBEDDED)) {
      broker.createTopic("images", 2);
      broker.createTopic("classifications", 2);
      broker.createTopic("images.dlq", 1);
      try (TestProducer producer = new TestProducer(broker.bootstrapServers(), "images")) {
        producer.send(inputs);
      }
      try (ClassificationService service = ClassificationService.create(config(broker, fused));
          CommittedReader reader =
              new CommittedReader(broker.bootstrapServers(), "classifications", "images.dlq")) {
        service.start();
        reader.awaitRecords(r -> true, GOOD + BAD, Duration.ofSeconds(120));
        reader.drain(Duration.ofSeconds(1));

        List<ConsumerRecord<String, byte[]>> results = reader.records("classifications");
        assertThat(results.stream().map(ConsumerRecord::key).toList())
            .hasSize(GOOD)
            .doesNotHaveDuplicates()
            .containsExactlyInAnyOrderElementsOf(
                inputs.stream().filter(SampleInput::good).map(SampleInput::id).toList());
        AvroSerde<Classification> serde = AvroSerde.classification();
        for (ConsumerRecord<String, byte[]> r : results) {
          Classification c = serde.decode(r.value());
          assertThat(c.getModel().getName()).isEqualTo("fused");
          assertThat(c.getPredictions()).hasSize(5);
        }
        Map<String, String> reasons =
            reader.records("images.dlq").stream()
                .collect(
                    Collectors.toMap(
                        ConsumerRecord::key,
                        r ->
                            new String(
                                r.headers().lastHeader(DeadLetterHeaders.REASON).value(),
                                StandardCharsets.UTF_8)));
        assertThat(reasons)
            .isEqualTo(
                inputs.stream()
                    .filter(i -> !i.good())
                    .collect(Collectors.toMap(SampleInput::id, SampleInput::expectedReject)));
      }
    }
  }

  private GnsConfig config(TestBroker broker, Path model) {
    return GnsConfig.fromMap(
        Map.of(
            "bootstrap.servers",
            broker.bootstrapServers(),
            "application.id",
            "fused-it",
            "state.dir",
            dir.resolve("state").toString(),
            "model.path",
            model.toString(),
            "batch.max.size",
            "8",
            "batch.max.delay.ms",
            "20",
            "metrics.port",
            "0"));
  }
}
