package googlenet.streams.service;

import static org.assertj.core.api.Assertions.assertThat;

import googlenet.streams.avro.Classification;
import googlenet.streams.cli.Main;
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
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * A shadow candidate beside the live model on a real broker: its labels go to the shadow topic,
 * keyed like the live results and stamped with its own model; the compare command pairs them; a
 * shadow that falls behind skips (counted) instead of holding up the live output.
 */
class ShadowIT {
  private static final int IMAGES = 60;
  private static final Duration WAIT = Duration.ofSeconds(180);
  private static final AvroSerde<Classification> RESULTS = AvroSerde.classification();

  @TempDir Path dir;

  @Test
  void shouldWriteTheCandidatesLabelsForEveryImageAndCompareTheTwoModels() throws Exception {
    try (TestBroker broker = startBroker();
        ClassificationService service =
            ClassificationService.create(config(broker, TestModels.small(7), 64))) {
      service.start();
      send(broker, IMAGES);
      try (CommittedReader reader =
          new CommittedReader(broker.bootstrapServers(), "classifications", "shadow")) {
        reader.awaitCount("classifications", IMAGES, WAIT);
        reader.awaitCount("shadow", IMAGES, WAIT);
        reader.drain(Duration.ofSeconds(1));

        Map<String, Classification> live = byKey(reader.records("classifications"));
        Map<String, Classification> shadow = byKey(reader.records("shadow"));
        assertThat(shadow.keySet()).isEqualTo(live.keySet()).hasSize(IMAGES);
        String candidate = Checksums.sha256(TestModels.small(7));
        assertThat(shadow.values()).allMatch(c -> c.getModel().getSha256().equals(candidate));
        assertThat(live.values()).noneMatch(c -> c.getModel().getSha256().equals(candidate));
        shadow.forEach(
            (key, c) ->
                assertThat(c.getSource().getOffset())
                    .isEqualTo(live.get(key).getSource().getOffset()));
        String scrape = service.ops().scrape();
        assertThat(scrape).contains("gns_shadow_results_total " + IMAGES + ".0");
        assertThat(scrape).contains("gns_shadow_compared_total " + IMAGES + ".0");

        StringWriter out = new StringWriter();
        int status =
            new CommandLine(new Main())
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(out, true))
                .execute(
                    "compare",
                    "--bootstrap-servers",
                    broker.bootstrapServers(),
                    "--live",
                    "classifications",
                    "--shadow",
                    "shadow");
        assertThat(status).as(out.toString()).isZero();
        assertThat(out.toString())
            .contains("pairs (same input record): " + IMAGES)
            .contains("top-1 agreement: ")
            .contains("top-1 probability difference: mean ");
      }
    }
  }

  @Test
  void shouldSkipRatherThanWaitWhenTheShadowFallsBehind() throws Exception {
    try (TestBroker broker = startBroker();
        ClassificationService service =
            ClassificationService.create(config(broker, TestModels.full(), 1))) {
      service.start();
      send(broker, IMAGES);
      try (CommittedReader reader =
          new CommittedReader(broker.bootstrapServers(), "classifications")) {
        reader.awaitCount("classifications", IMAGES, WAIT);
        service.close();

        String scrape = service.ops().scrape();
        double written = value(scrape, "gns_shadow_results_total ");
        double skipped = value(scrape, "gns_shadow_skipped_total{reason=\"queue-full\"");
        double closed = value(scrape, "gns_shadow_skipped_total{reason=\"disabled\"");
        assertThat(reader.records("classifications")).hasSize(IMAGES);
        assertThat(written + skipped + closed).isEqualTo(IMAGES);
      }
    }
  }

  private static TestBroker startBroker() {
    TestBroker broker = KafkaBrokers.start(BrokerKind.EMBEDDED);
    broker.createTopic("images", 2);
    broker.createTopic("classifications", 2);
    broker.createTopic("images.dlq", 1);
    broker.createTopic("shadow", 2);
    return broker;
  }

  private GnsConfig config(TestBroker broker, Path candidate, int queue) {
    Map<String, String> keys = new HashMap<>();
    keys.put("bootstrap.servers", broker.bootstrapServers());
    keys.put("application.id", "shadow-it-" + queue);
    keys.put("state.dir", dir.resolve("state").toString());
    keys.put("model.path", TestModels.small().toString());
    keys.put("shadow.model.path", candidate.toString());
    keys.put("shadow.topic", "shadow");
    keys.put("shadow.queue.max", Integer.toString(queue));
    keys.put("batch.max.size", "4");
    keys.put("metrics.port", "0");
    return GnsConfig.fromMap(keys);
  }

  private static void send(TestBroker broker, int n) throws Exception {
    try (TestProducer producer = new TestProducer(broker.bootstrapServers(), "images")) {
      producer.send(TestInputs.mixed(n, 0));
    }
  }

  private static Map<String, Classification> byKey(List<ConsumerRecord<String, byte[]>> records) {
    return records.stream()
        .collect(Collectors.toMap(ConsumerRecord::key, r -> RESULTS.decode(r.value())));
  }

  /** The sum of the samples whose line starts with {@code prefix} (name and first labels). */
  private static double value(String scrape, String prefix) {
    return scrape
        .lines()
        .filter(l -> l.startsWith(prefix))
        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
        .sum();
  }
}
