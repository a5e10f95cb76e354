package googlenet.streams.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import googlenet.streams.avro.Classification;
import googlenet.streams.avro.ModelRef;
import googlenet.streams.avro.Prediction;
import googlenet.streams.avro.SourceRef;
import googlenet.streams.serde.AvroSerde;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class RecordJsonTest {
  private final RecordJson json = new RecordJson();
  private final ObjectMapper mapper = new ObjectMapper();

  private static ConsumerRecord<byte[], byte[]> record(byte[] value) {
    return new ConsumerRecord<>(
        "classifications", 2, 41L, "cat.jpg".getBytes(StandardCharsets.UTF_8), value);
  }

  @Test
  void shouldPrintAClassificationAsPlainJsonWithIsoTimestamps() throws Exception {
    Classification c =
        Classification.newBuilder()
            .setImageId("cat.jpg")
            .setPredictions(List.of(new Prediction(281, "n02123045", "tabby, tabby cat", 0.75f)))
            .setModel(new ModelRef("googlenet-12", "1", "ab".repeat(32)))
            .setExecutionProvider("CPU")
            .setBatchSize(4)
            .setCapturedAt(Instant.parse("2026-01-02T03:04:05Z"))
            .setClassifiedAt(Instant.parse("2026-01-02T03:04:06.500Z"))
            .setInferenceMicros(1234L)
            .setSource(new SourceRef("images", 0, 7L))
            .setAttributes(Map.of("camera", "gate-3"))
            .build();

    JsonNode node =
        mapper.readTree(json.toJson(record(AvroSerde.classification().encode(c))).toString());

    assertThat(node.get("offset").asLong()).isEqualTo(41);
    assertThat(node.get("key").asText()).isEqualTo("cat.jpg");
    JsonNode value = node.get("classification");
    assertThat(value.at("/predictions/0/label").asText()).isEqualTo("tabby, tabby cat");
    assertThat(value.at("/predictions/0/synsetId").asText()).isEqualTo("n02123045");
    assertThat(value.at("/predictions/0/probability").floatValue()).isEqualTo(0.75f);
    assertThat(value.get("capturedAt").asText()).isEqualTo("2026-01-02T03:04:05Z");
    assertThat(value.get("classifiedAt").asText()).isEqualTo("2026-01-02T03:04:06.500Z");
    assertThat(value.at("/source/offset").asLong()).isEqualTo(7);
    assertThat(value.at("/attributes/camera").asText()).isEqualTo("gate-3");
    assertThat(node.has("deadLetter")).isFalse();
  }

  @Test
  void shouldDescribeAValueOfNoKnownTypeByItsSizeAndDigest() {
    byte[] value = "plain text".getBytes(StandardCharsets.UTF_8);

    JsonNode unknown = json.toJson(record(value)).get("unknown");

    assertThat(unknown.get("valueBytes").asInt()).isEqualTo(value.length);
    assertThat(unknown.get("valueSha256").asText()).isEqualTo(RecordJson.sha256(value));
    assertThat(unknown.get("error").asText()).contains("ImageRecord");
  }
}
