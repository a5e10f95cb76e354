package googlenet.streams.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import googlenet.streams.avro.Classification;
import googlenet.streams.config.GnsConfig;
import googlenet.streams.model.Checksums;
import googlenet.streams.serde.AvroSerde;
import googlenet.streams.testing.BrokerKind;
import googlenet.streams.testing.CommittedReader;
import googlenet.streams.testing.KafkaBrokers;
import googlenet.streams.testing.TestBroker;
import googlenet.streams.testing.TestInputs;
import googlenet.streams.testing.TestModels;
import googlenet.streams.testing.TestProducer;
import googlenet.streams.tools.demo.SampleInput;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A new model file replaces the running model under load, on a real broker: every image is labelled
 * exactly once, and in each partition the model on the results changes once, from the old to the
 * new; a file that is no model is refused while the new model keeps serving.
 */
class ModelSwapIT {
  private static final int WAVE = 120;
  private static final Duration WAIT = Duration.ofSeconds(180);
  private static final AvroSerde<Classification> RESULTS = AvroSerde.classification();

  @TempDir Path dir;

  @Test
  void shouldSwitchModelsUnderLoadOncePerPartitionLosingAndRepeatingNothing() throws Exception {
    Path model = Files.copy(TestModels.small(), dir.resolve("model.onnx"));
    String oldSha = Checksums.sha256(TestModels.small());
    String newSha = Checksums.sha256(TestModels.small(7));
    try (TestBroker broker = KafkaBrokers.start(BrokerKind.EMBEDDED)) {
      broker.createTopic("images", 3);
      broker.createTopic("classifications", 3);
      broker.createTopic("images.dlq", 1);
      try (ClassificationService service = ClassificationService.create(config(broker, model));
          CommittedReader reader =
              new CommittedReader(broker.bootstrapServers(), "classifications");
          TestProducer producer = new TestProducer(broker.bootstrapServers(), "images")) {
        service.start();
        producer.send(TestInputs.mixed(WAVE, 0));
        reader.awaitCount("classifications", WAVE / 4, WAIT);
        for (int partition = 0; partition < 3; partition++) {
          // the old model must have labelled something on every partition before it is replaced:
          // on a loaded machine one task can start late and see only the new model
          int p = partition;
          reader.awaitRecords(r -> r.partition() == p, 1, WAIT);
        }

        replace(model, TestModels.small(7));
        producer.send(renamed(TestInputs.mixed(WAVE, 0), "second-"));
        reader.awaitCount("classifications", 2 * WAVE, WAIT);
        await().atMost(WAIT).until(() -> service.engine().model().sha256().equals(newSha));

        replace(model, Files.writeString(dir.resolve("garbage.onnx"), "not a model"));
        producer.send(renamed(TestInputs.mixed(WAVE / 4, 0), "third-"));
        reader.awaitCount("classifications", 2 * WAVE + WAVE / 4, WAIT);
        await().atMost(WAIT).until(() -> !service.ops().health().ready().notes().isEmpty());
        reader.drain(Duration.ofSeconds(2));

        List<ConsumerRecord<String, byte[]>> results = reader.records("classifications");
        assertThat(results).extracting(ConsumerRecord::key).doesNotHaveDuplicates();
        assertThat(results).hasSize(2 * WAVE + WAVE / 4);
        Map<Integer, List<String>> modelsByPartition = modelsInOffsetOrder(results);
        assertThat(modelsByPartition).hasSize(3);
        modelsByPartition.forEach(
            (partition, models) ->
                assertThat(collapse(models))
                    .as("models on partition %d in offset order", partition)
                    .containsExactly(oldSha, newSha));
        assertThat(service.engine().model().sha256()).isEqualTo(newSha);
        assertThat(service.ops().health().ready().ok()).isTrue();
        assertThat(service.ops().health().ready().notes())
            .singleElement()
            .asString()
            .contains("model update refused");
      }
    }
  }

  private GnsConfig config(TestBroker broker, Path model) {
    return GnsConfig.fromMap(
        Map.of(
            "bootstrap.servers", broker.bootstrapServers(),
            "application.id", "swap-it",
            "state.dir", dir.resolve("state").toString(),
            "model.path", model.toString(),
            "model.watch.interval.ms", "200",
            "batch.max.size", "4",
            "metrics.port", "0"));
  }

  /** Replaces {@code target} by {@code source} atomically, with a later modification time. */
  private void replace(Path target, Path source) throws Exception {
    Path staged = Files.copy(source, dir.resolve("staged"), StandardCopyOption.REPLACE_EXISTING);
    Files.setLastModifiedTime(staged, FileTime.from(Instant.now().plusSeconds(1)));
    Files.move(staged, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  private static List<SampleInput> renamed(List<SampleInput> inputs, String prefix) {
    return inputs.stream()
        .map(
            in ->
                new SampleInput(
                    prefix + in.id(), in.bytes(), in.contentType(), in.raw(), in.expectedReject()))
        .toList();
  }

  private static Map<Integer, List<String>> modelsInOffsetOrder(
      List<ConsumerRecord<String, byte[]>> results) {
    return results.stream()
        .map(r -> RESULTS.decode(r.value()))
        .sorted(Comparator.comparingLong(c -> c.getSource().getOffset()))
        .collect(
            Collectors.groupingBy(
                c -> c.getSource().getPartition(),
                Collectors.mapping(c -> c.getModel().getSha256(), Collectors.toList())));
  }

  /** The list without consecutive repeats: {@code a a b b} is {@code a b}. */
  private static List<String> collapse(List<String> values) {
    List<String> out = new ArrayList<>();
    for (String v : values) {
      if (out.isEmpty() || !out.get(out.size() - 1).equals(v)) {
        out.add(v);
      }
    }
    return out;
  }
}
