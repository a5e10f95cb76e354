package googlenet.streams.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import googlenet.streams.avro.Classification;
import googlenet.streams.avro.ImageRecord;
import googlenet.streams.avro.ModelRef;
import googlenet.streams.avro.Prediction;
import googlenet.streams.avro.SourceRef;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.avro.SchemaNormalization;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class AvroSerdeTest {
  private final AvroSerde<ImageRecord> images = AvroSerde.imageRecord();

  static ImageRecord image(String id, byte[] bytes) {
    return ImageRecord.newBuilder()
        .setId(id)
        .setImage(ByteBuffer.wrap(bytes))
        .setContentType("image/jpeg")
        .setCapturedAt(Instant.ofEpochMilli(1_700_000_000_123L))
        .setAttributes(Map.of("camera", "gate-3"))
        .build();
  }

  @Test
  void shouldRoundTripAnImageRecordThroughKafkaSerializerAndDeserializer() {
    ImageRecord record = image("img-1", new byte[] {1, 2, 3, (byte) 0xff});

    byte[] bytes = images.serializer().serialize("images", record);
    ImageRecord back = images.deserializer().deserialize("images", bytes);

    assertThat(back).isEqualTo(record);
    assertThat(back.getCapturedAt()).isEqualTo(Instant.ofEpochMilli(1_700_000_000_123L));
  }

  @Test
  void shouldWriteMagicBytesAndSchemaFingerprintFirst() {
    byte[] bytes = images.encode(image("img-1", new byte[] {9}));

    long fingerprint = SchemaNormalization.parsingFingerprint64(ImageRecord.getClassSchema());
    assertThat(bytes[0]).isEqualTo((byte) 0xC3);
    assertThat(bytes[1]).isEqualTo((byte) 0x01);
    assertThat(ByteBuffer.wrap(bytes, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong())
        .isEqualTo(fingerprint)
        .isEqualTo(images.fingerprint());
  }

  @Test
  void shouldRoundTripAClassification() {
    AvroSerde<Classification> serde = AvroSerde.classification();
    Classification c =
        Classification.newBuilder()
            .setImageId("img-1")
            .setPredictions(List.of(new Prediction(281, "n02123045", "tabby, tabby cat", 0.7f)))
            .setModel(new ModelRef("m", "v", "ab"))
            .setExecutionProvider("CPU")
            .setBatchSize(4)
            .setClassifiedAt(Instant.ofEpochMilli(5))
            .setInferenceMicros(1234L)
            .setSource(new SourceRef("images", 0, 42L))
            .build();

    assertThat(serde.decode(serde.encode(c))).isEqualTo(c);
  }

  @Test
  void shouldRejectBytesWithoutTheMagicNamingWhatItFound() {
    assertThatThrownBy(() -> images.decode(new byte[] {0x48, 0x49, 0x21}))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("ImageRecord")
        .hasMessageContaining("expected magic bytes C3 01, got 48 49");
  }

  @Test
  void shouldRejectARecordWrittenWithAnotherSchemaNamingBothFingerprints() {
    AvroSerde<ModelRef> other = AvroSerde.forClass(ModelRef.class);
    byte[] bytes = other.encode(new ModelRef("m", "v", "s"));

    assertThatThrownBy(() -> images.decode(bytes))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("unknown schema")
        .hasMessageContaining(String.format("%016x", other.fingerprint()))
        .hasMessageContaining(String.format("%016x", images.fingerprint()));
  }

  @Test
  void shouldRejectATruncatedBody() {
    byte[] bytes = images.encode(image("img-1", new byte[100]));
    byte[] truncated = java.util.Arrays.copyOf(bytes, 20);

    assertThatThrownBy(() -> images.decode(truncated))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("malformed ImageRecord (20 bytes)");
  }

  @Test
  void shouldMapNullToNullLikeKafkaSerdes() {
    assertThat(images.serializer().serialize("t", null)).isNull();
    assertThat(images.deserializer().deserialize("t", null)).isNull();
  }
}
