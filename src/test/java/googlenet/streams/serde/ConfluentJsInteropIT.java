package googlenet.streams.serde;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import googlenet.streams.avro.Classification;
import googlenet.streams.avro.ImageRecord;
import googlenet.streams.config.OutputFormat;
import googlenet.streams.testing.BrokerKind;
import googlenet.streams.testing.CommittedReader;
import googlenet.streams.testing.KafkaBrokers;
import googlenet.streams.testing.NodeInterop;
import googlenet.streams.testing.RegistryServer;
import googlenet.streams.testing.RequiresRegistry;
import googlenet.streams.testing.TestBroker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Interop with a client no one here wrote: Confluent's JavaScript serdes ({@code
 * @confluentinc/schemaregistry}, run by {@code src/test/js/registry-interop}) against the same real
 * registry. ImageRecords their serializer writes are read by {@link RecordReader}; Classifications
 * {@link RecordWriter} writes are read by their deserializer.
 */
@RequiresRegistry(node = true)
class ConfluentJsInteropIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration RUN_TIMEOUT = Duration.ofMinutes(2);

  @TempDir Path dir;

  @BeforeAll
  static void installPrograms() throws Exception {
    NodeInterop.prepare();
  }

  @Test
  void shouldReadImageRecordsConfluentsJavaScriptSerializerWrote(RegistryServer registry)
      throws Exception {
    String topic = RegistryInteropIT.unique("images-js");
    Path schema = Path.of("schemas", "ImageRecord.avsc").toAbsolutePath();

    List<JsonNode> produced = produce(registry, topic, schema, 3);

    RecordReader<ImageRecord> reader =
        RegistryInteropIT.serdes(registry, OutputFormat.SINGLE_OBJECT).imageReader();
    List<String> ids = new ArrayList<>();
    for (JsonNode line : produced) {
      ImageRecord image = reader.read(Base64.getDecoder().decode(line.get("valueBase64").asText()));
      ids.add(image.getId());
      assertThat(RecordReaderTest.bytes(image.getImage())).containsExactly(1, 2, 3);
      assertThat(image.getSource()).isEqualTo("js-producer");
      assertThat(image.getContentType()).isEqualTo("image/jpeg");
      assertThat(image.getAttributes()).containsEntry("writer", "confluent-js");
      assertThat(image.getCapturedAt().toEpochMilli())
          .isBetween(1_700_000_000_000L, 1_700_000_000_002L);
    }
    assertThat(ids).containsExactly("js-0", "js-1", "js-2");
  }

  @Test
  void shouldReadAJavaScriptProducerOnANewerSchemaWithAnAddedOptionalField(RegistryServer registry)
      throws Exception {
    String topic = RegistryInteropIT.unique("images-js-newer");
    Path schema =
        Files.writeString(
            dir.resolve("ImageRecord-v2.avsc"), WriterSchemas.withAddedOptionalField().toString());

    List<JsonNode> produced = produce(registry, topic, schema, 1);

    ImageRecord image =
        RegistryInteropIT.serdes(registry, OutputFormat.SINGLE_OBJECT)
            .imageReader()
            .read(Base64.getDecoder().decode(produced.get(0).get("valueBase64").asText()));
    assertThat(image.getId()).isEqualTo("js-0");
    assertThat(image.getSource()).isEqualTo("js-producer");
  }

  @Test
  void shouldWriteClassificationsConfluentsJavaScriptDeserializerReads(RegistryServer registry)
      throws Exception {
    String topic = RegistryInteropIT.unique("classifications-js");
    RecordWriter<Classification> writer =
        RegistryInteropIT.serdes(registry, OutputFormat.REGISTRY).classificationWriter();
    List<String> lines = new ArrayList<>();
    for (String id : List.of("img-1", "img-2")) {
      byte[] bytes = writer.write(topic, RecordWriterTest.classification(id));
      lines.add(
          JSON.createObjectNode()
              .put("valueBase64", Base64.getEncoder().encodeToString(bytes))
              .toString());
    }

    NodeInterop.Run run =
        NodeInterop.node(
            "consumer.mjs",
            List.of("--registry", registry.url().toString(), "--topic", topic, "--count", "2"),
            lines,
            RUN_TIMEOUT);

    assertThat(run.exitCode()).as(run.stderr()).isZero();
    assertThat(run.stdout()).hasSize(2);
    JsonNode first = JSON.readTree(run.stdout().get(0)).get("value");
    assertThat(first.get("imageId").asText()).isEqualTo("img-1");
    assertThat(JSON.readTree(run.stdout().get(1)).get("value").get("imageId").asText())
        .isEqualTo("img-2");
    JsonNode top = first.get("predictions").get(0);
    assertThat(top.get("classIndex").asInt()).isEqualTo(281);
    assertThat(top.get("synsetId").asText()).isEqualTo("n02123045");
    assertThat(top.get("label").asText()).isEqualTo("tabby, tabby cat");
    assertThat(top.get("probability").floatValue()).isEqualTo(0.75f);
    assertThat(first.get("model").get("name").asText()).isEqualTo("googlenet-12");
    assertThat(first.get("source").get("offset").asLong()).isEqualTo(42L);
    assertThat(first.get("inferenceMicros").asLong()).isEqualTo(1234L);
    assertThat(first.get("attributes").get("camera").asText()).isEqualTo("gate-3");
  }

  @Test
  void shouldCarryRecordsThroughKafkaBothWays(RegistryServer registry) throws Exception {
    String images = RegistryInteropIT.unique("images-kafka");
    String results = RegistryInteropIT.unique("classifications-kafka");
    RecordSerdes serdes = RegistryInteropIT.serdes(registry, OutputFormat.REGISTRY);
    try (TestBroker broker = KafkaBrokers.start(BrokerKind.EMBEDDED)) {
      broker.createTopic(images, 1);
      broker.createTopic(results, 1);

      List<JsonNode> produced =
          produce(
              registry,
              images,
              Path.of("schemas", "ImageRecord.avsc").toAbsolutePath(),
              2,
              "--bootstrap-servers",
              broker.bootstrapServers());
      List<String> read = new ArrayList<>();
      try (CommittedReader reader = new CommittedReader(broker.bootstrapServers(), images)) {
        reader.awaitCount(images, 2, Duration.ofSeconds(60));
        for (ConsumerRecord<String, byte[]> record : reader.records(images)) {
          read.add(record.key() + "=" + serdes.imageReader().read(record.value()).getId());
        }
      }
      assertThat(produced).extracting(n -> n.get("offset").asText()).containsExactly("0", "1");
      assertThat(read).containsExactly("js-0=js-0", "js-1=js-1");

      sendClassifications(broker.bootstrapServers(), results, serdes, "img-a", "img-b");
      NodeInterop.Run consumed =
          NodeInterop.node(
              "consumer.mjs",
              List.of(
                  "--registry",
                  registry.url().toString(),
                  "--topic",
                  results,
                  "--count",
                  "2",
                  "--bootstrap-servers",
                  broker.bootstrapServers()),
              List.of(),
              RUN_TIMEOUT);
      assertThat(consumed.exitCode()).as(consumed.stderr()).isZero();
      List<String> got = new ArrayList<>();
      for (String line : consumed.stdout()) {
        JsonNode node = JSON.readTree(line);
        got.add(node.get("key").asText() + "=" + node.get("value").get("imageId").asText());
      }
      assertThat(got).containsExactly("img-a=img-a", "img-b=img-b");
    }
  }

  private static void sendClassifications(
      String bootstrap, String topic, RecordSerdes serdes, String... ids) throws Exception {
    RecordWriter<Classification> writer = serdes.classificationWriter();
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(
            Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
            new StringSerializer(),
            new ByteArraySerializer())) {
      for (String id : ids) {
        byte[] value = writer.write(topic, RecordWriterTest.classification(id));
        producer.send(new ProducerRecord<>(topic, id, value)).get(30, TimeUnit.SECONDS);
      }
    }
  }

  private static List<JsonNode> produce(
      RegistryServer registry, String topic, Path schema, int count, String... extra)
      throws Exception {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--registry", registry.url().toString(),
                "--topic", topic,
                "--schema", schema.toString(),
                "--count", String.valueOf(count)));
    args.addAll(List.of(extra));
    NodeInterop.Run run = NodeInterop.node("producer.mjs", args, List.of(), RUN_TIMEOUT);
    assertThat(run.exitCode()).as(run.stderr()).isZero();
    assertThat(run.stdout()).hasSize(count);
    List<JsonNode> out = new ArrayList<>();
    for (String line : run.stdout()) {
      out.add(JSON.readTree(line));
    }
    assertThat(out).allMatch(n -> n.get("valueBase64").asText().startsWith("AAAAA"));
    return out;
  }
}
