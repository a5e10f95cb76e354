package googlenet.streams.serde;

import googlenet.streams.avro.Classification;
import googlenet.streams.avro.ImageRecord;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HexFormat;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.message.BadHeaderException;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.message.MissingSchemaException;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A Kafka {@link Serde} for one generated Avro class, in Avro's <a
 * href="https://avro.apache.org/docs/1.12.0/specification/#single-object-encoding">single-object
 * encoding</a>: the two magic bytes {@code C3 01}, the 8-byte CRC-64-AVRO fingerprint of the
 * writer's schema (little-endian), then the Avro binary body. A reader therefore knows what it got:
 * bytes without the magic, or written with a schema this reader does not know, fail with a {@link
 * SerializationException} naming the record type and what was found.
 *
 * <p>Thread-safe (Avro's message encoder and decoder keep per-thread buffers). A {@code null} value
 * serialises to and from {@code null}, as Kafka serdes do.
 *
 * <p>The seam for a schema registry: this is the only class that turns records into bytes. A
 * registry-backed serde (Confluent wire format, Apicurio, ...) replaces it by implementing the same
 * {@code Serde<T>}; older writer schemas can be accepted without a registry by adding them to the
 * decoder ({@link BinaryMessageDecoder#addSchema}).
 *
 * @param <T> the generated record class
 */
public final class AvroSerde<T extends SpecificRecord> implements Serde<T> {
  private final String typeName;
  private final long fingerprint;
  private final BinaryMessageEncoder<T> encoder;
  private final BinaryMessageDecoder<T> decoder;

  private AvroSerde(Class<T> type) {
    SpecificData model = SpecificData.getForClass(type);
    Schema schema = model.getSchema(type);
    this.typeName = schema.getName();
    this.fingerprint = SchemaNormalization.parsingFingerprint64(schema);
    this.encoder = new BinaryMessageEncoder<>(model, schema);
    this.decoder = new BinaryMessageDecoder<>(model, schema);
  }

  /** A serde for any generated class. */
  public static <T extends SpecificRecord> AvroSerde<T> forClass(Class<T> type) {
    return new AvroSerde<>(type);
  }

  /** A serde for the values of the images topic. */
  public static AvroSerde<ImageRecord> imageRecord() {
    return forClass(ImageRecord.class);
  }

  /** A serde for the values of the classifications and routed topics. */
  public static AvroSerde<Classification> classification() {
    return forClass(Classification.class);
  }

  /** The CRC-64-AVRO fingerprint of the schema this serde writes and reads. */
  public long fingerprint() {
    return fingerprint;
  }

  /** Encodes {@code record}, or returns null for null. */
  public byte[] encode(T record) {
    if (record == null) {
      return null;
    }
    try {
      ByteBuffer buffer = encoder.encode(record);
      byte[] bytes = new byte[buffer.remaining()];
      buffer.get(bytes);
      return bytes;
    } catch (IOException | RuntimeException e) {
      throw new SerializationException("cannot encode " + typeName + ": " + e.getMessage(), e);
    }
  }

  /**
   * Decodes single-object encoded bytes, or returns null for null.
   *
   * @throws SerializationException naming the record type and the problem: bad magic bytes, an
   *     unknown schema fingerprint, or a truncated or malformed body
   */
  public T decode(byte[] bytes) {
    if (bytes == null) {
      return null;
    }
    try {
      return decoder.decode(bytes);
    } catch (BadHeaderException e) {
      throw new SerializationException(
          "not an Avro single-object encoded "
              + typeName
              + ": expected magic bytes C3 01, got "
              + hexPrefix(bytes, 2)
              + " ("
              + bytes.length
              + " bytes)");
    } catch (MissingSchemaException e) {
      throw new SerializationException(
          typeName
              + " written with an unknown schema: fingerprint "
              + String.format("%016x", writerFingerprint(bytes))
              + ", this reader knows "
              + String.format("%016x", fingerprint)
              + "; produce it with this project's "
              + typeName
              + " schema");
    } catch (IOException | RuntimeException e) {
      throw new SerializationException(
          "malformed " + typeName + " (" + bytes.length + " bytes): " + e.getMessage(), e);
    }
  }

  private static long writerFingerprint(byte[] bytes) {
    return ByteBuffer.wrap(bytes, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
  }

  private static String hexPrefix(byte[] bytes, int n) {
    return HexFormat.of()
        .withUpperCase()
        .formatHex(bytes, 0, Math.min(n, bytes.length))
        .replaceAll("(..)(?!$)", "$1 ");
  }

  @Override
  public Serializer<T> serializer() {
    return (topic, record) -> encode(record);
  }

  @Override
  public Deserializer<T> deserializer() {
    return (topic, bytes) -> decode(bytes);
  }
}
