package googlenet.streams.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import googlenet.streams.avro.ImageRecord;
import googlenet.streams.config.OutputFormat;
import googlenet.streams.config.RegistrySettings;
import googlenet.streams.config.SerdeSettings;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RecordReaderTest {
  private StubRegistry registry;
  private RecordReader<ImageRecord> reader;

  @BeforeEach
  void start() throws Exception {
    registry = StubRegistry.http();
    RegistrySettings settings =
        RegistrySettings.of(registry.url()).withRetry(RegistrySettings.RetryPolicy.NONE);
    reader =
        RecordSerdes.create(
                new SerdeSettings(Optional.of(settings), OutputFormat.SINGLE_OBJECT),
                RegistryListener.NONE)
            .imageReader();
  }

  @AfterEach
  void stop() {
    registry.close();
  }

  @Test
  void shouldTellTheFramingsApartByTheirFirstBytes() {
    assertThat(Framing.of(new byte[] {(byte) 0xC3, 0x01, 9})).isEqualTo(Framing.SINGLE_OBJECT);
    assertThat(Framing.of(new byte[] {0, 0, 0, 1, 7, 2})).isEqualTo(Framing.REGISTRY);
    assertThat(Framing.schemaId(new byte[] {0, 0, 0, 1, 7, 2})).isEqualTo(263);
    assertThat(Framing.of(new byte[] {0, 0, 0, 1})).isEqualTo(Framing.UNKNOWN);
    assertThat(Framing.of(new byte[] {(byte) 0xC3, 0x02})).isEqualTo(Framing.UNKNOWN);
    assertThat(Framing.of(new byte[0])).isEqualTo(Framing.UNKNOWN);
  }

  @Test
  void shouldReadSingleObjectEncodingWithoutAskingTheRegistry() {
    ImageRecord image = image("single-1");

    ImageRecord back = reader.read(AvroSerde.imageRecord().encode(image));

    assertThat(back).isEqualTo(image);
    assertThat(registry.requests()).isEmpty();
  }

  @Test
  void shouldReadRegistryFramingWithTheWriterSchemaFetchedOnceById() {
    registry.with(7, WriterSchemas.current(), "images-value v1");
    byte[] bytes = WriterSchemas.framed(7, WriterSchemas.image(WriterSchemas.current(), "reg-1"));

    ImageRecord first = reader.read(bytes);
    ImageRecord second = reader.read(bytes);

    assertThat(first.getId()).isEqualTo("reg-1");
    assertThat(first.getSource()).isEqualTo("cam-7");
    assertThat(first.getAttributes()).isEqualTo(Map.of("k", "v"));
    assertThat(bytes(first.getImage())).containsExactly(1, 2, 3);
    assertThat(second).isEqualTo(first);
    assertThat(registry.requests()).containsExactly("GET /schemas/ids/7");
  }

  @Test
  void shouldReadAProducerWithAnAddedOptionalField() {
    Schema newer = WriterSchemas.withAddedOptionalField();
    registry.with(8, newer, "images-value v2");

    ImageRecord image = reader.read(WriterSchemas.framed(8, WriterSchemas.image(newer, "new-1")));

    assertThat(image.getId()).isEqualTo("new-1");
    assertThat(image.getSource()).isEqualTo("cam-7");
    assertThat(bytes(image.getImage())).containsExactly(1, 2, 3);
  }

  @Test
  void shouldReadAProducerOnAnOlderVersionWithAFieldMissing() {
    Schema older = WriterSchemas.withoutSourceField();
    registry.with(9, older, "images-value v0");

    ImageRecord image = reader.read(WriterSchemas.framed(9, WriterSchemas.image(older, "old-1")));

    assertThat(image.getId()).isEqualTo("old-1");
    assertThat(image.getSource()).as("default of the missing field").isNull();
    assertThat(image.getAttributes()).isEqualTo(Map.of("k", "v"));
  }

  @Test
  void shouldRejectAnIncompatibleWriterSchemaNamingIdSubjectAndField() {
    Schema incompatible = WriterSchemas.withoutImageField();
    registry.with(10, incompatible, "images-value v3");
    byte[] bytes = WriterSchemas.framed(10, WriterSchemas.image(incompatible, "bad-1"));

    RecordRejectedException e =
        catchThrowableOfType(RecordRejectedException.class, () -> reader.read(bytes));

    assertThat(e.reason()).isEqualTo("incompatible-schema");
    assertThat(e.getMessage())
        .contains("schema id 10")
        .contains("images-value v3")
        .contains("image")
        .contains("schemas/ImageRecord.avsc");
  }

  @Test
  void shouldRejectAnIdTheRegistryDoesNotKnow() {
    byte[] bytes = WriterSchemas.framed(4242, WriterSchemas.image(WriterSchemas.current(), "x"));

    RecordRejectedException e =
        catchThrowableOfType(RecordRejectedException.class, () -> reader.read(bytes));

    assertThat(e.reason()).isEqualTo("unknown-schema-id");
    assertThat(e.getMessage()).contains("schema id 4242").contains(registry.url().toString());
  }

  @Test
  void shouldRejectRegistryFramingWhenNoRegistryIsConfigured() {
    byte[] bytes = WriterSchemas.framed(7, WriterSchemas.image(WriterSchemas.current(), "x"));

    RecordRejectedException e =
        catchThrowableOfType(
            RecordRejectedException.class,
            () -> RecordSerdes.singleObject().imageReader().read(bytes));

    assertThat(e.reason()).isEqualTo("unknown-schema-id");
    assertThat(e.getMessage()).contains("schema id 7").contains("schema.registry.url");
  }

  @Test
  void shouldRejectBytesOfNeitherFramingShowingWhatTheyStartWith() {
    RecordRejectedException e =
        catchThrowableOfType(
            RecordRejectedException.class, () -> reader.read(new byte[] {0x48, 0x49, 0x21}));

    assertThat(e.reason()).isEqualTo("undeserializable");
    assertThat(e.getMessage()).contains("got 48 49 21 (3 bytes)");
  }

  @Test
  void shouldRejectATruncatedRegistryBodyAsUndeserializable() {
    registry.with(7, WriterSchemas.current(), "images-value v1");
    byte[] whole = WriterSchemas.framed(7, WriterSchemas.image(WriterSchemas.current(), "t-1"));

    RecordRejectedException e =
        catchThrowableOfType(
            RecordRejectedException.class,
            () -> reader.read(Arrays.copyOf(whole, whole.length - 4)));

    assertThat(e.reason()).isEqualTo("undeserializable");
    assertThat(e.getMessage()).contains("schema id 7");
  }

  @Test
  void shouldRejectSingleObjectBytesOfAnotherSchemaAsUndeserializable() {
    byte[] bytes = AvroSerde.classification().encode(null);
    byte[] foreign = {(byte) 0xC3, 0x01, 1, 2, 3, 4, 5, 6, 7, 8, 2, 'a'};

    RecordRejectedException e =
        catchThrowableOfType(RecordRejectedException.class, () -> reader.read(foreign));

    assertThat(bytes).isNull();
    assertThat(e.reason()).isEqualTo("undeserializable");
    assertThat(e.getMessage()).contains("unknown schema");
  }

  static ImageRecord image(String id) {
    return ImageRecord.newBuilder()
        .setId(id)
        .setImage(ByteBuffer.wrap(new byte[] {4, 5}))
        .setAttributes(Map.of())
        .build();
  }

  static byte[] bytes(ByteBuffer buffer) {
    byte[] out = new byte[buffer.remaining()];
    buffer.duplicate().get(out);
    return out;
  }
}
