package googlenet.streams.serde;

import googlenet.streams.config.OutputFormat;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Writes values of one generated Avro type in the configured {@link OutputFormat}: single-object
 * encoding, or the Confluent wire format with the schema registered (or looked up) under {@code
 * <topic>-value} (TopicNameStrategy), its id cached per topic. Thread-safe.
 *
 * @param <T> the generated record class
 */
public final class RecordWriter<T extends SpecificRecord> {
  private final Schema schema;
  private final OutputFormat format;
  private final AvroSerde<T> singleObject;
  private final SpecificDatumWriter<T> datumWriter;
  private final Optional<RegistryClient> registry;

  RecordWriter(Class<T> type, OutputFormat format, Optional<RegistryClient> registry) {
    if (format == OutputFormat.REGISTRY && registry.isEmpty()) {
      throw new IllegalArgumentException("registry output needs a schema registry client");
    }
    SpecificData model = SpecificData.getForClass(type);
    this.schema = model.getSchema(type);
    this.format = format;
    this.singleObject = AvroSerde.forClass(type);
    this.datumWriter = new SpecificDatumWriter<>(schema, model);
    this.registry = registry;
  }

  /** The format this writer writes. */
  public OutputFormat format() {
    return format;
  }

  /** The registry subject of {@code topic}'s values: {@code <topic>-value}. */
  public static String subject(String topic) {
    return topic + "-value";
  }

  /**
   * The bytes of {@code record} for {@code topic}, or null for null.
   *
   * @throws RegistryUnavailableException when registry output cannot get the schema's id (the
   *     registry stays unavailable past the retry policy, or refuses the schema): retry later
   * @throws SerializationException when the record cannot be encoded (a bug, not bad input)
   */
  public byte[] write(String topic, T record) {
    if (record == null) {
      return null;
    }
    if (format == OutputFormat.SINGLE_OBJECT) {
      return singleObject.encode(record);
    }
    int id = registry.orElseThrow().idFor(subject(topic), schema);
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    out.writeBytes(ByteBuffer.allocate(Framing.REGISTRY_HEADER).put((byte) 0).putInt(id).array());
    try {
      BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
      datumWriter.write(record, encoder);
      encoder.flush();
    } catch (IOException | RuntimeException e) {
      throw new SerializationException(
          "cannot encode " + schema.getName() + " for " + topic + ": " + e.getMessage(), e);
    }
    return out.toByteArray();
  }

  /**
   * Registers (or looks up) the schema for each topic now, so a registry that refuses it fails at
   * start instead of at the first record. Does nothing for single-object output.
   *
   * @throws RegistryUnavailableException as {@link #write} does
   */
  public void prepare(Collection<String> topics) {
    if (format == OutputFormat.REGISTRY) {
      topics.forEach(topic -> registry.orElseThrow().idFor(subject(topic), schema));
    }
  }
}
