package googlenet.streams.backfill;

import static org.assertj.core.api.Assertions.assertThat;

import googlenet.streams.config.GnsConfig;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class BackfillConfigTest {
  private final GnsConfig live =
      GnsConfig.fromMap(
          Map.of(
              "bootstrap.servers", "localhost:9092",
              "application.id", "googlenet-streams",
              "input.topic", "images",
              "output.topic", "classifications",
              "batch.max.size", "8",
              "group.instance.id", "live-instance-1",
              "route.cats.match", "tabby",
              "route.cats.topic", "alerts.cats"));

  @Test
  void shouldRunUnderItsOwnIdsTopicsAndBatchesWithoutTheLiveRoutes() throws Exception {
    BackfillRequest request =
        BackfillRequest.of("week-47", "images", "labels-v2", TimeBound.earliest(), TimeBound.now());

    GnsConfig config = Backfill.configure(request, live);

    Properties props = config.streamsProperties();
    assertThat(props.getProperty("application.id")).isEqualTo("googlenet-streams-backfill-week-47");
    assertThat(props.getProperty("group.instance.id"))
        .isEqualTo("googlenet-streams-backfill-week-47");
    assertThat(props.getProperty("producer.transaction.timeout.ms")).isEqualTo("120000");
    assertThat(props.getProperty("commit.interval.ms")).isEqualTo("1000");
    assertThat(config.inputTopic()).isEqualTo("images");
    assertThat(config.outputTopic()).isEqualTo("labels-v2");
    assertThat(config.dlqTopic()).isEqualTo("labels-v2.dlq");
    assertThat(config.batchMaxSize()).isEqualTo(32);
    assertThat(config.batchMaxDelay().toMillis()).isEqualTo(500);
    assertThat(config.routes()).isEmpty();
    assertThat(live.routes()).hasSize(1);
  }

  @Test
  void shouldKeepATransactionTimeoutTheConfigurationSets() throws Exception {
    GnsConfig withTimeout = live.with(Map.of("transaction.timeout.ms", "30000"));
    BackfillRequest request =
        BackfillRequest.of("t", "images", "out", TimeBound.earliest(), TimeBound.now());

    Properties props = Backfill.configure(request, withTimeout).streamsProperties();

    assertThat(props.getProperty("transaction.timeout.ms")).isEqualTo("30000");
    assertThat(props).doesNotContainKey("producer.transaction.timeout.ms");
  }

  @Test
  void shouldKeepACommitIntervalTheConfigurationSets() throws Exception {
    BackfillRequest request =
        BackfillRequest.of("t", "images", "out", TimeBound.earliest(), TimeBound.now());

    Properties props =
        Backfill.configure(request, live.with(Map.of("commit.interval.ms", "250")))
            .streamsProperties();

    assertThat(props.getProperty("commit.interval.ms")).isEqualTo("250");
  }
}
