package googlenet.streams.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import googlenet.streams.avro.Classification;
import googlenet.streams.avro.ImageRecord;
import googlenet.streams.config.OutputFormat;
import googlenet.streams.config.RegistrySettings;
import googlenet.streams.config.SerdeSettings;
import googlenet.streams.testing.RegistryServer;
import googlenet.streams.testing.RequiresRegistry;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

/**
 * The reader and writer against a real registry (Apicurio Registry, Confluent-compatible API): what
 * a registry-aware producer writes is read, schema evolution is resolved, and what the writer
 * registers is what a registry-aware consumer finds.
 */
@RequiresRegistry
class RegistryInteropIT {
  private static final AtomicInteger TOPICS = new AtomicInteger();
  private static final ObjectMapper JSON = new ObjectMapper();

  static String unique(String prefix) {
    return prefix + "-" + ProcessHandle.current().pid() + "-" + TOPICS.incrementAndGet();
  }

  static RecordSerdes serdes(RegistryServer registry, OutputFormat format) {
    return RecordSerdes.create(
        new SerdeSettings(Optional.of(RegistrySettings.of(registry.url())), format),
        RegistryListener.NONE);
  }

  @Test
  void shouldRegisterResultsUnderTopicValueAndReadThemBack(RegistryServer registry)
      throws Exception {
    String topic = unique("classifications");
    RecordSerdes serdes = serdes(registry, OutputFormat.REGISTRY);
    Classification result = RecordWriterTest.classification("img-7");

    byte[] bytes = serdes.classificationWriter().write(topic, result);

    JsonNode latest = registry.get("/subjects/" + topic + "-value/versions/latest");
    assertThat(bytes[0]).isZero();
    assertThat(ByteBuffer.wrap(bytes, 1, 4).getInt()).isEqualTo(latest.get("id").asInt());
    assertThat(new Schema.Parser().parse(latest.get("schema").asText()))
        .isEqualTo(Classification.getClassSchema());
    assertThat(serdes.reader(Classification.class).read(bytes)).isEqualTo(result);
  }

  @Test
  void shouldReadEveryCompatibleVersionAndRejectAnIncompatibleOneWithItsSubjectAndVersion(
      RegistryServer registry) throws Exception {
    String subject = unique("images-evolution") + "-value";
    int current = registry.register(subject, WriterSchemas.current().toString());
    int newer = registry.register(subject, WriterSchemas.withAddedOptionalField().toString());
    int older = registry.register(subject, WriterSchemas.withoutSourceField().toString());
    int incompatible = registry.register(subject, WriterSchemas.withoutImageField().toString());
    RecordReader<ImageRecord> reader = serdes(registry, OutputFormat.SINGLE_OBJECT).imageReader();

    ImageRecord fromCurrent = reader.read(framed(current, WriterSchemas.current(), "cur"));
    ImageRecord fromNewer =
        reader.read(framed(newer, WriterSchemas.withAddedOptionalField(), "new"));
    ImageRecord fromOlder = reader.read(framed(older, WriterSchemas.withoutSourceField(), "old"));
    RecordRejectedException rejected =
        catchThrowableOfType(
            RecordRejectedException.class,
            () -> reader.read(framed(incompatible, WriterSchemas.withoutImageField(), "bad")));

    assertThat(fromCurrent.getId()).isEqualTo("cur");
    assertThat(fromCurrent.getSource()).isEqualTo("cam-7");
    assertThat(fromNewer.getId()).isEqualTo("new");
    assertThat(fromNewer.getSource()).isEqualTo("cam-7");
    assertThat(RecordReaderTest.bytes(fromNewer.getImage())).containsExactly(1, 2, 3);
    assertThat(fromOlder.getId()).isEqualTo("old");
    assertThat(fromOlder.getSource()).isNull();
    assertThat(fromOlder.getAttributes()).isEqualTo(Map.of("k", "v"));
    assertThat(rejected.reason()).isEqualTo("incompatible-schema");
    assertThat(rejected.getMessage())
        .contains("schema id " + incompatible)
        .contains(subject + " v4")
        .contains("image");
  }

  @Test
  void shouldRejectAnIdTheRealRegistryDoesNotKnow(RegistryServer registry) {
    RecordReader<ImageRecord> reader = serdes(registry, OutputFormat.SINGLE_OBJECT).imageReader();
    byte[] bytes = framed(987_654, WriterSchemas.current(), "lost");

    RecordRejectedException e =
        catchThrowableOfType(RecordRejectedException.class, () -> reader.read(bytes));

    assertThat(e.reason()).isEqualTo("unknown-schema-id");
    assertThat(e.getMessage()).contains("schema id 987654").contains(registry.url().toString());
  }

  static byte[] framed(int id, Schema schema, String imageId) {
    return WriterSchemas.framed(id, WriterSchemas.image(schema, imageId));
  }

  static JsonNode json(String line) throws Exception {
    return JSON.readTree(line);
  }
}
