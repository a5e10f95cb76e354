package googlenet.streams.service;

import static org.assertj.core.api.Assertions.assertThat;

import googlenet.streams.config.GnsConfig;
import googlenet.streams.testing.BrokerKind;
import googlenet.streams.testing.KafkaBrokers;
import googlenet.streams.testing.TestBroker;
import googlenet.streams.testing.TestModels;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The service's lifecycle against a real broker. */
class ClassificationServiceIT {
  @TempDir Path stateDir;

  @ParameterizedTest(name = "{0}")
  @MethodSource("googlenet.streams.testing.KafkaBrokers#available")
  void shouldStopWithAFatalErrorNamingTheTopicWhenTheInputTopicIsMissing(BrokerKind kind)
      throws Exception {
    try (TestBroker broker = KafkaBrokers.start(kind);
        ClassificationService service = ClassificationService.create(config(broker, "absent"))) {
      broker.createTopic("classifications", 1);
      broker.createTopic("images.dlq", 1);

      service.start();

      assertThat(service.awaitStop(Duration.ofSeconds(60))).as("stopped within 60 s").isTrue();
      assertThat(service.failure()).isPresent();
      assertThat(service.failureMessage())
          .hasValueSatisfying(m -> assertThat(m).contains("'absent'").contains("input.topic"));
      assertThat(service.state()).isEqualTo(KafkaStreams.State.ERROR);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("googlenet.streams.testing.KafkaBrokers#available")
  void shouldReachRunningAndStopCleanlyOnClose(BrokerKind kind) throws Exception {
    try (TestBroker broker = KafkaBrokers.start(kind)) {
      broker.createTopic("images", 1);
      broker.createTopic("classifications", 1);
      broker.createTopic("images.dlq", 1);
      ClassificationService service = ClassificationService.create(config(broker, "images"));
      service.start();
      org.awaitility.Awaitility.await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> service.state() == KafkaStreams.State.RUNNING);

      service.close();

      assertThat(service.state()).isEqualTo(KafkaStreams.State.NOT_RUNNING);
      assertThat(service.awaitStop(Duration.ofSeconds(1))).isTrue();
      assertThat(service.failure()).isEmpty();
    }
  }

  private GnsConfig config(TestBroker broker, String inputTopic) {
    return GnsConfig.fromMap(
        Map.of(
            "bootstrap.servers",
            broker.bootstrapServers(),
            "application.id",
            "lifecycle-" + kindName(broker) + "-" + inputTopic,
            "state.dir",
            stateDir.toString(),
            "input.topic",
            inputTopic,
            "model.path",
            TestModels.small().toString(),
            "metrics.port",
            "0"));
  }

  private static String kindName(TestBroker broker) {
    return broker.kind().name().toLowerCase(Locale.ROOT);
  }
}
