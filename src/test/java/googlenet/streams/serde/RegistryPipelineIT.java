package googlenet.streams.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import googlenet.streams.avro.Classification;
import googlenet.streams.backfill.Backfill;
import googlenet.streams.backfill.BackfillRequest;
import googlenet.streams.backfill.BackfillSummary;
import googlenet.streams.backfill.TimeBound;
import googlenet.streams.config.GnsConfig;
import googlenet.streams.service.ClassificationService;
import googlenet.streams.testing.BrokerKind;
import googlenet.streams.testing.CommittedReader;
import googlenet.streams.testing.KafkaBrokers;
import googlenet.streams.testing.NodeInterop;
import googlenet.streams.testing.RegistryServer;
import googlenet.streams.testing.RequiresRegistry;
import googlenet.streams.testing.TestBroker;
import googlenet.streams.testing.TestModels;
import googlenet.streams.testing.TopologyDriver;
import googlenet.streams.tools.fixtures.SampleImages;
import googlenet.streams.topology.DeadLetterHeaders;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.avro.Schema;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service against a real schema registry (Apicurio, Confluent-compatible API) and a real
 * broker: what Confluent's JavaScript producer writes is labelled and what the service writes is
 * read by Confluent's JavaScript consumer; older, newer and incompatible writers; an outage of the
 * registry in the middle of a stream; a backfill over both framings.
 */
@RequiresRegistry(node = true)
class RegistryPipelineIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration WAIT = Duration.ofSeconds(120);
  private static final byte[] JPEG = SampleImages.jpeg(160, 120, 3);

  @TempDir Path dir;
  private TestBroker broker;

  @BeforeAll
  static void installPrograms() throws Exception {
    NodeInterop.prepare();
  }

  @BeforeEach
  void startBroker() {
    broker = KafkaBrokers.start(BrokerKind.EMBEDDED);
    broker.createTopic("images", 2);
    broker.createTopic("classifications", 2);
    broker.createTopic("images.dlq", 1);
  }

  @AfterEach
  void stopBroker() throws Exception {
    broker.close();
  }

  @Test
  void shouldLabelWhatConfluentsJavaScriptProducerWritesForConfluentsJavaScriptConsumer(
      RegistryServer registry) throws Exception {
    Path image = Files.write(dir.resolve("picture.jpg"), JPEG);
    NodeInterop.Run produced =
        NodeInterop.node(
            "producer.mjs",
            List.of(
                "--registry", registry.url().toString(),
                "--topic", "images",
                "--schema", Path.of("schemas", "ImageRecord.avsc").toAbsolutePath().toString(),
                "--count", "6",
                "--image", image.toString(),
                "--bootstrap-servers", broker.bootstrapServers()),
            List.of(),
            WAIT);
    assertThat(produced.exitCode()).as(produced.stderr()).isZero();

    try (ClassificationService service = service(registry.url(), "registry", Map.of())) {
      service.start();
      NodeInterop.Run consumed =
          NodeInterop.node(
              "consumer.mjs",
              List.of(
                  "--registry", registry.url().toString(),
                  "--topic", "classifications",
                  "--count", "6",
                  "--timeout-ms", Long.toString(WAIT.toMillis()),
                  "--bootstrap-servers", broker.bootstrapServers()),
              List.of(),
              WAIT.plusSeconds(30));

      assertThat(consumed.exitCode()).as(consumed.stderr()).isZero();
      List<String> ids = new ArrayList<>();
      for (String line : consumed.stdout()) {
        JsonNode value = JSON.readTree(line).get("value");
        ids.add(value.get("imageId").asText());
        assertThat(value.get("predictions")).hasSize(5);
        assertThat(value.at("/model/name").asText()).isEqualTo(service.engine().model().name());
        assertThat(value.at("/attributes/writer").asText()).isEqualTo("confluent-js");
      }
      assertThat(ids).containsExactlyInAnyOrder("js-0", "js-1", "js-2", "js-3", "js-4", "js-5");
    }
  }

  @Test
  void shouldLabelOlderAndNewerWritersAndDeadLetterTheOnesItCannotRead(RegistryServer registry)
      throws Exception {
    String subject = "images-value";
    Schema newer = WriterSchemas.withAddedOptionalField();
    Schema older = WriterSchemas.withoutSourceField();
    Schema noImage = WriterSchemas.withoutImageField();
    Map<String, byte[]> sent = new HashMap<>();
    sent.put(
        "newer", framed(registry.register(subject + "-newer", newer.toString()), newer, "newer"));
    sent.put(
        "older", framed(registry.register(subject + "-older", older.toString()), older, "older"));
    sent.put(
        "incompatible",
        framed(registry.register(subject + "-bad", noImage.toString()), noImage, "incompatible"));
    sent.put("unknown", framed(987_654, older, "unknown"));
    send(sent);

    try (ClassificationService service = service(registry.url(), "single-object", Map.of());
        CommittedReader reader =
            new CommittedReader(broker.bootstrapServers(), "classifications", "images.dlq")) {
      service.start();
      reader.awaitRecords(r -> true, 4, WAIT);
      reader.drain(Duration.ofSeconds(1));

      assertThat(reader.records("classifications"))
          .extracting(r -> AvroSerde.classification().decode(r.value()).getImageId())
          .containsExactlyInAnyOrder("newer", "older");
      List<ConsumerRecord<String, byte[]>> dead = reader.records("images.dlq");
      assertThat(dead)
          .extracting(ConsumerRecord::key)
          .containsExactlyInAnyOrder("incompatible", "unknown");
      for (ConsumerRecord<String, byte[]> r : dead) {
        assertThat(r.value()).isEqualTo(sent.get(r.key()));
        assertThat(header(r, DeadLetterHeaders.REASON))
            .isEqualTo(r.key().equals("unknown") ? "unknown-schema-id" : "incompatible-schema");
        assertThat(header(r, DeadLetterHeaders.MESSAGE)).contains("schema id");
      }
    }
  }

  @Test
  void shouldWaitOutARegistryOutageLosingDuplicatingAndDeadLetteringNothing() throws Exception {
    try (RegistryServer registry = RegistryServer.startPersistent(dir.resolve("registry"))) {
      Schema before = WriterSchemas.current();
      Schema during = WriterSchemas.withoutSourceField();
      int beforeId = registry.register("outage-before", before.toString());
      int duringId = registry.register("outage-during", during.toString());
      Map<String, String> fast = Map.of("schema.registry.retry.timeout.ms", "2000");
      try (ClassificationService service = service(registry.url(), "single-object", fast);
          CommittedReader reader =
              new CommittedReader(broker.bootstrapServers(), "classifications", "images.dlq")) {
        service.start();
        send(images("before-", 10, beforeId, before));
        reader.awaitCount("classifications", 10, WAIT);
        URI ready = readiness(service);
        assertThat(status(ready)).isEqualTo(200);

        registry.stop();
        send(images("during-", 10, duringId, during));
        await("readiness false while the registry is down")
            .atMost(WAIT)
            .until(() -> status(ready) == 503);
        reader.drain(Duration.ofSeconds(2));
        assertThat(reader.records("classifications")).hasSize(10);
        registry.startAgain();

        reader.awaitCount("classifications", 20, WAIT);
        await().atMost(WAIT).until(() -> status(ready) == 200);
        reader.drain(Duration.ofSeconds(2));
        assertThat(reader.records("classifications"))
            .extracting(ConsumerRecord::key)
            .hasSize(20)
            .doesNotHaveDuplicates();
        assertThat(reader.records("images.dlq")).isEmpty();
      }
    }
  }

  @Test
  void shouldBackfillARangeInBothFramingsAndWriteResultsInTheRegistryFraming(
      RegistryServer registry) throws Exception {
    Schema current = WriterSchemas.current();
    int id = registry.register("images-value", current.toString());
    Map<String, byte[]> sent = new HashMap<>(images("registry-", 3, id, current));
    for (int i = 0; i < 3; i++) {
      sent.put("plain-" + i, TopologyDriver.imageValue("plain-" + i, JPEG));
    }
    send(sent);
    broker.createTopic("relabelled", 1);
    GnsConfig base = config(registry.url(), "registry", Map.of());

    BackfillSummary summary =
        Backfill.run(
            BackfillRequest.of(
                "registry-range", "images", "relabelled", TimeBound.earliest(), TimeBound.now()),
            base,
            p -> {});

    assertThat(summary.images()).isEqualTo(6);
    RecordReader<Classification> results =
        RecordSerdes.create(base.serdeSettings(), RegistryListener.NONE)
            .reader(Classification.class);
    try (CommittedReader reader = new CommittedReader(broker.bootstrapServers(), "relabelled")) {
      reader.awaitCount("relabelled", 6, WAIT);
      reader.drain(Duration.ofSeconds(1));
      List<ConsumerRecord<String, byte[]>> out = reader.records("relabelled");
      assertThat(out).allSatisfy(r -> assertThat(r.value()[0]).as("registry magic").isZero());
      assertThat(out)
          .extracting(r -> results.read(r.value()).getImageId())
          .containsExactlyInAnyOrderElementsOf(sent.keySet());
    }
  }

  private ClassificationService service(URI registry, String outputFormat, Map<String, String> more)
      throws Exception {
    return ClassificationService.create(config(registry, outputFormat, more));
  }

  private GnsConfig config(URI registry, String outputFormat, Map<String, String> more) {
    Map<String, String> keys = new HashMap<>();
    keys.put("bootstrap.servers", broker.bootstrapServers());
    keys.put("application.id", "registry-" + System.nanoTime());
    keys.put("state.dir", dir.resolve("state").toString());
    keys.put("model.path", TestModels.small().toString());
    keys.put("batch.max.size", "4");
    keys.put("metrics.port", "0");
    keys.put("schema.registry.url", registry.toString());
    keys.put("output.format", outputFormat);
    keys.putAll(more);
    return GnsConfig.fromMap(keys);
  }

  private static byte[] framed(int id, Schema schema, String imageId) {
    return WriterSchemas.framed(id, WriterSchemas.image(schema, imageId, JPEG));
  }

  private static Map<String, byte[]> images(String prefix, int n, int id, Schema schema) {
    Map<String, byte[]> out = new HashMap<>();
    for (int i = 0; i < n; i++) {
      out.put(prefix + i, framed(id, schema, prefix + i));
    }
    return out;
  }

  private void send(Map<String, byte[]> records) throws Exception {
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(
            Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
            new StringSerializer(),
            new ByteArraySerializer())) {
      for (Map.Entry<String, byte[]> r : records.entrySet()) {
        producer
            .send(new ProducerRecord<>("images", r.getKey(), r.getValue()))
            .get(30, TimeUnit.SECONDS);
      }
    }
  }

  private static URI readiness(ClassificationService service) {
    var address = service.ops().httpAddress().orElseThrow();
    return URI.create("http://127.0.0.1:" + address.getPort() + "/health/ready");
  }

  private static int status(URI uri) throws Exception {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    return http.send(
            HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
            HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }

  private static String header(ConsumerRecord<String, byte[]> r, String name) {
    var h = r.headers().lastHeader(name);
    return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }
}
