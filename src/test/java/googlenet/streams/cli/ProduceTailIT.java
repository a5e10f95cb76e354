package googlenet.streams.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import googlenet.streams.avro.ImageRecord;
import googlenet.streams.serde.AvroSerde;
import googlenet.streams.testing.BrokerKind;
import googlenet.streams.testing.CommittedReader;
import googlenet.streams.testing.KafkaBrokers;
import googlenet.streams.testing.TestBroker;
import googlenet.streams.tools.fixtures.SampleImages;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/** The produce and tail commands against a real broker, run as a user would run them. */
class ProduceTailIT {
  @TempDir Path dir;

  @ParameterizedTest(name = "{0}")
  @MethodSource("googlenet.streams.testing.KafkaBrokers#available")
  void shouldPublishEveryReadableFileAndPrintThemAsJson(BrokerKind kind) throws Exception {
    Path images = Files.createDirectories(dir.resolve("images"));
    byte[] jpeg = SampleImages.jpeg(64, 48, 1);
    byte[] png = SampleImages.png(32, 32, 2);
    byte[] text = "not an image".getBytes(StandardCharsets.UTF_8);
    Files.write(images.resolve("cat.jpg"), jpeg);
    Files.write(images.resolve("dog.PNG"), png);
    Files.write(images.resolve("notes.txt"), text);
    Files.write(images.resolve(".hidden.jpg"), jpeg);
    try (TestBroker broker = KafkaBrokers.start(kind)) {
      broker.createTopic("images", 1);
      String bootstrap = broker.bootstrapServers();

      Run produce =
          run(
              "produce",
              "--bootstrap-servers",
              bootstrap,
              "--topic",
              "images",
              "--source",
              "cam-1",
              images.toString(),
              dir.resolve("missing.jpg").toString());

      assertThat(produce.status).as(produce.err).isEqualTo(1);
      assertThat(produce.err).contains("missing.jpg").contains("sent 3 of 3 files");
      Map<String, ImageRecord> sent = readImages(bootstrap, 3);
      assertThat(sent).containsOnlyKeys("cat.jpg", "dog.PNG", "notes.txt");
      assertImage(sent.get("cat.jpg"), jpeg, "image/jpeg");
      assertImage(sent.get("dog.PNG"), png, "image/png");
      assertImage(sent.get("notes.txt"), text, null);
      assertThat(sent.get("cat.jpg").getSource()).isEqualTo("cam-1");

      Run tail =
          run(
              "tail",
              "--bootstrap-servers",
              bootstrap,
              "--topic",
              "images",
              "--from-beginning",
              "--max",
              "2");

      assertThat(tail.status).as(tail.err).isZero();
      List<JsonNode> lines = json(tail.out);
      assertThat(lines).hasSize(2);
      assertThat(lines.get(0).at("/image/id").asText()).isEqualTo("cat.jpg");
      assertThat(lines.get(0).at("/image/image/bytes").asInt()).isEqualTo(jpeg.length);
      assertThat(lines.get(0).at("/key").asText()).isEqualTo("cat.jpg");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("googlenet.streams.testing.KafkaBrokers#available")
  void shouldPrintDeadLetterHeadersAndTheValueDigest(BrokerKind kind) throws Exception {
    try (TestBroker broker = KafkaBrokers.start(kind)) {
      broker.createTopic("images.dlq", 1);
      byte[] value = {1, 2, 3, 4};
      try (KafkaProducer<byte[], byte[]> producer =
          new KafkaProducer<>(
              Map.of("bootstrap.servers", broker.bootstrapServers()),
              new ByteArraySerializer(),
              new ByteArraySerializer())) {
        ProducerRecord<byte[], byte[]> record =
            new ProducerRecord<>("images.dlq", "k1".getBytes(StandardCharsets.UTF_8), value);
        record.headers().add(new RecordHeader("gns.error.reason", bytes("corrupt")));
        record.headers().add(new RecordHeader("gns.error.message", bytes("truncated JPEG")));
        record.headers().add(new RecordHeader("gns.source.offset", bytes("17")));
        record.headers().add(new RecordHeader("other", bytes("ignored")));
        producer.send(record).get();
      }

      Run tail =
          run(
              "tail",
              "--bootstrap-servers",
              broker.bootstrapServers(),
              "--topic",
              "images.dlq",
              "--from-beginning",
              "--timeout",
              "2");

      assertThat(tail.status).as(tail.err).isZero();
      List<JsonNode> lines = json(tail.out);
      assertThat(lines).hasSize(1);
      JsonNode dead = lines.get(0).get("deadLetter");
      assertThat(lines.get(0).get("key").asText()).isEqualTo("k1");
      assertThat(dead.at("/headers/gns.error.reason").asText()).isEqualTo("corrupt");
      assertThat(dead.at("/headers/gns.error.message").asText()).isEqualTo("truncated JPEG");
      assertThat(dead.at("/headers/gns.source.offset").asText()).isEqualTo("17");
      assertThat(dead.get("headers").has("other")).isFalse();
      assertThat(dead.get("valueBytes").asInt()).isEqualTo(4);
      assertThat(dead.get("valueSha256").asText())
          .isEqualTo(
              HexFormat.of()
                  .formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(value)));
    }
  }

  private record Run(int status, String out, String err) {}

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = Main.newCommandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int status = cli.execute(args);
    return new Run(status, out.toString(), err.toString());
  }

  private static Map<String, ImageRecord> readImages(String bootstrap, int count) {
    AvroSerde<ImageRecord> serde = AvroSerde.imageRecord();
    try (CommittedReader reader = new CommittedReader(bootstrap, "images")) {
      reader.awaitCount("images", count, Duration.ofSeconds(30));
      reader.drain(Duration.ofMillis(500));
      List<ConsumerRecord<String, byte[]>> records = reader.records("images");
      assertThat(records).hasSize(count);
      records.forEach(r -> assertThat(serde.decode(r.value()).getId()).isEqualTo(r.key()));
      return records.stream()
          .map(r -> serde.decode(r.value()))
          .collect(Collectors.toMap(ImageRecord::getId, Function.identity()));
    }
  }

  private static void assertImage(ImageRecord record, byte[] bytes, String contentType) {
    ByteBuffer image = record.getImage();
    byte[] actual = new byte[image.remaining()];
    image.duplicate().get(actual);
    assertThat(actual).isEqualTo(bytes);
    assertThat(record.getContentType()).isEqualTo(contentType);
  }

  private static List<JsonNode> json(String out) throws Exception {
    ObjectMapper mapper = new ObjectMapper();
    List<JsonNode> nodes = new ArrayList<>();
    for (String line : out.split("\n")) {
      if (!line.isBlank()) {
        nodes.add(mapper.readTree(line));
      }
    }
    return nodes;
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
