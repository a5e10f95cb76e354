package googlenet.streams.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import googlenet.streams.avro.Classification;
import googlenet.streams.serde.AvroSerde;
import googlenet.streams.testing.CommittedReader;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The deployment tests' verdict, read as a downstream read_committed consumer would: every good
 * image labelled exactly once on the output topic, every bad one exactly once in the dead-letter
 * topic with its original bytes, nothing else on either.
 */
final class ExactlyOnce {
  private static final AvroSerde<Classification> CLASSIFICATIONS = AvroSerde.classification();

  private ExactlyOnce() {}

  /** Waits (at most {@code atMost}) until every input has its outcome, then checks them all. */
  static void assertOutcomes(
      TestPipeline pipeline, List<DeployInputs.Input> inputs, Duration atMost) {
    String bootstrap = DeployEnvironment.get().bootstrapServers();
    Set<String> good = keys(inputs, true);
    Set<String> bad = keys(inputs, false);
    try (CommittedReader out = new CommittedReader(bootstrap, pipeline.output());
        CommittedReader dlq = new CommittedReader(bootstrap, pipeline.dlq())) {
      await("every image labelled or dead-lettered")
          .atMost(atMost)
          .pollDelay(Duration.ZERO)
          .pollInterval(Duration.ofMillis(100))
          .until(
              () -> {
                out.poll(Duration.ofMillis(200));
                dlq.poll(Duration.ofMillis(200));
                return out.countsByKey().keySet().containsAll(good)
                    && dlq.countsByKey().keySet().containsAll(bad);
              });
      // A duplicate would sit in a transaction committed by now: read what is left.
      out.poll(Duration.ofSeconds(2));
      dlq.poll(Duration.ofSeconds(1));

      assertThat(out.countsByKey()).as("results per image id").containsOnlyKeys(good);
      assertThat(out.countsByKey()).as("results per image id").allSatisfy(ExactlyOnce::once);
      assertThat(dlq.countsByKey()).as("dead letters per image id").containsOnlyKeys(bad);
      assertThat(dlq.countsByKey()).as("dead letters per image id").allSatisfy(ExactlyOnce::once);
      assertLabelled(out.records());
      assertOriginalBytes(dlq.records(), inputs);
    }
  }

  private static void once(String key, Long count) {
    assertThat(count).as("records for %s", key).isEqualTo(1L);
  }

  private static void assertLabelled(List<ConsumerRecord<String, byte[]>> results) {
    for (ConsumerRecord<String, byte[]> result : results) {
      Classification c = CLASSIFICATIONS.deserializer().deserialize(result.topic(), result.value());
      assertThat(c.getImageId())
          .as("imageId of the result keyed %s", result.key())
          .isEqualTo(result.key());
      assertThat(c.getPredictions()).as("predictions of %s", result.key()).isNotEmpty();
      assertThat(c.getExecutionProvider()).as("provider of %s", result.key()).isNotBlank();
    }
  }

  private static void assertOriginalBytes(
      List<ConsumerRecord<String, byte[]>> deadLetters, List<DeployInputs.Input> inputs) {
    Map<String, DeployInputs.Input> byKey =
        inputs.stream().collect(Collectors.toMap(DeployInputs.Input::key, Function.identity()));
    for (ConsumerRecord<String, byte[]> letter : deadLetters) {
      assertThat(letter.value())
          .as("dead letter %s keeps the original value bytes", letter.key())
          .isEqualTo(byKey.get(letter.key()).value());
    }
  }

  private static Set<String> keys(List<DeployInputs.Input> inputs, boolean good) {
    return inputs.stream()
        .filter(i -> i.good() == good)
        .map(DeployInputs.Input::key)
        .collect(Collectors.toSet());
  }
}
