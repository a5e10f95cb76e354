package googlenet.streams.serde;

import java.io.IOException;
import java.util.Optional;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Reads values of one generated Avro type in either framing, detected per record: Avro
 * single-object encoding (through {@link AvroSerde}) or the Confluent wire format, whose writer
 * schema is fetched from the registry by id and resolved against this type's schema (Avro schema
 * resolution: added fields are skipped, missing fields with defaults are filled in). Thread-safe.
 *
 * @param <T> the generated record class
 */
public final class RecordReader<T extends SpecificRecord> {
  private final String typeName;
  private final Schema readerSchema;
  private final SpecificData model;
  private final AvroSerde<T> singleObject;
  private final Optional<RegistryClient> registry;
  private final BoundedCache<Integer, Resolution<T>> resolutions;

  RecordReader(Class<T> type, Optional<RegistryClient> registry) {
    this.model = SpecificData.getForClass(type);
    this.readerSchema = model.getSchema(type);
    this.typeName = readerSchema.getName();
    this.singleObject = AvroSerde.forClass(type);
    this.registry = registry;
    this.resolutions =
        new BoundedCache<>(registry.map(r -> r.settings().cacheCapacity()).orElse(1));
  }

  /**
   * The record in {@code value}, or null for null.
   *
   * @throws RecordRejectedException when the value cannot be read as this type: {@code
   *     undeserializable} (neither framing, or a malformed body), {@code unknown-schema-id} (the
   *     registry does not know the id, or no registry is configured), {@code incompatible-schema}
   *     (the writer schema cannot be resolved to this type's)
   * @throws RegistryUnavailableException when the registry is needed and stays unavailable past the
   *     retry policy: retry the record later, do not dead-letter it
   */
  public T read(byte[] value) {
    if (value == null) {
      return null;
    }
    return switch (Framing.of(value)) {
      case SINGLE_OBJECT -> readSingleObject(value);
      case REGISTRY -> readRegistry(value);
      case UNKNOWN ->
          throw new RecordRejectedException(
              RecordRejectedException.UNDESERIALIZABLE,
              "not an Avro "
                  + typeName
                  + ": expected single-object encoding (C3 01 + fingerprint) or schema-registry"
                  + " framing (00 + 4-byte schema id), got "
                  + Framing.prefix(value, 5)
                  + " ("
                  + value.length
                  + " bytes); produce it with an Avro serializer of either kind");
    };
  }

  private T readSingleObject(byte[] value) {
    try {
      return singleObject.decode(value);
    } catch (SerializationException e) {
      throw new RecordRejectedException(RecordRejectedException.UNDESERIALIZABLE, e.getMessage());
    }
  }

  private T readRegistry(byte[] value) {
    int id = Framing.schemaId(value);
    Resolution<T> resolution = resolution(id);
    if (resolution.reader() == null) {
      throw new RecordRejectedException(
          RecordRejectedException.INCOMPATIBLE_SCHEMA, resolution.problem());
    }
    BinaryDecoder decoder =
        DecoderFactory.get()
            .binaryDecoder(
                value, Framing.REGISTRY_HEADER, value.length - Framing.REGISTRY_HEADER, null);
    try {
      return resolution.reader().read(null, decoder);
    } catch (IOException | AvroRuntimeException | IndexOutOfBoundsException e) {
      throw new RecordRejectedException(
          RecordRejectedException.UNDESERIALIZABLE,
          "malformed "
              + typeName
              + " body with schema id "
              + id
              + " ("
              + value.length
              + " bytes): "
              + e);
    }
  }

  private Resolution<T> resolution(int id) {
    Resolution<T> cached = resolutions.get(id);
    if (cached != null) {
      return cached;
    }
    RegistryClient client =
        registry.orElseThrow(
            () ->
                new RecordRejectedException(
                    RecordRejectedException.UNKNOWN_SCHEMA_ID,
                    typeName
                        + " framed for a schema registry (schema id "
                        + id
                        + ") but no schema registry is configured; set schema.registry.url (--schema-registry"
                        + " on the command line) to read it"));
    Schema writer =
        client
            .schemaById(id)
            .orElseThrow(
                () ->
                    new RecordRejectedException(
                        RecordRejectedException.UNKNOWN_SCHEMA_ID,
                        "schema id "
                            + id
                            + " is not in the schema registry ("
                            + client.settings().urls()
                            + "): the producer registered it elsewhere or it was deleted;"
                            + " produce against the same registry"));
    Resolution<T> resolved = resolve(client, id, writer);
    resolutions.put(id, resolved);
    return resolved;
  }

  private Resolution<T> resolve(RegistryClient client, int id, Schema writer) {
    SchemaPairCompatibility check =
        SchemaCompatibility.checkReaderWriterCompatibility(readerSchema, writer);
    if (check.getType() == SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
      return new Resolution<>(new SpecificDatumReader<>(writer, readerSchema, model), null);
    }
    String where = client.subjectVersions(id).map(s -> " (" + s + ")").orElse("");
    return new Resolution<>(
        null,
        "schema id "
            + id
            + where
            + ", writer schema "
            + writer.getFullName()
            + ", cannot be read as this project's "
            + readerSchema.getFullName()
            + ": "
            + describe(check)
            + "; produce with a schema compatible with schemas/"
            + typeName
            + ".avsc");
  }

  private static String describe(SchemaPairCompatibility check) {
    StringBuilder out = new StringBuilder();
    for (SchemaCompatibility.Incompatibility i : check.getResult().getIncompatibilities()) {
      if (out.length() > 0) {
        out.append("; ");
      }
      out.append(i.getType())
          .append(" at ")
          .append(i.getLocation())
          .append(": ")
          .append(i.getMessage());
    }
    return out.toString();
  }

  /** A writer schema resolved to the reader's: a datum reader, or why there is none. */
  private record Resolution<T>(SpecificDatumReader<T> reader, String problem) {}
}
