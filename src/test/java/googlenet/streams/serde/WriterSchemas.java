package googlenet.streams.serde;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import googlenet.streams.avro.ImageRecord;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;

/**
 * Versions of the ImageRecord schema other producers may write with, and their records in the
 * Confluent wire format, written with Avro's generic API (not with the code under test).
 */
final class WriterSchemas {
  private static final ObjectMapper JSON = new ObjectMapper();

  private WriterSchemas() {}

  /** This project's ImageRecord schema. */
  static Schema current() {
    return ImageRecord.getClassSchema();
  }

  /** A newer version: one added optional field, {@code lens} (union of null and string). */
  static Schema withAddedOptionalField() {
    ObjectNode schema = tree();
    ObjectNode lens = ((ArrayNode) schema.get("fields")).addObject();
    lens.put("name", "lens").put("default", (String) null);
    lens.putArray("type").add("null").add("string");
    return parse(schema);
  }

  /** An older version without the optional {@code source} field. */
  static Schema withoutSourceField() {
    ObjectNode schema = tree();
    ArrayNode fields = (ArrayNode) schema.get("fields");
    for (int i = 0; i < fields.size(); i++) {
      if (fields.get(i).get("name").asText().equals("source")) {
        fields.remove(i);
      }
    }
    return parse(schema);
  }

  /**
   * An incompatible version: no {@code image} field, which the reader needs and has no default for.
   */
  static Schema withoutImageField() {
    ObjectNode schema = tree();
    ArrayNode fields = (ArrayNode) schema.get("fields");
    for (int i = 0; i < fields.size(); i++) {
      if (fields.get(i).get("name").asText().equals("image")) {
        fields.remove(i);
      }
    }
    return parse(schema);
  }

  /**
   * A record of {@code schema} with id, image bytes {@code 1 2 3}, source {@code cam-7} and
   * attribute {@code k=v} where the schema has those fields, and {@code lens=wide} if it has one.
   */
  static GenericRecord image(Schema schema, String id) {
    GenericData.Record record = new GenericData.Record(schema);
    record.put("id", id);
    if (schema.getField("image") != null) {
      record.put("image", ByteBuffer.wrap(new byte[] {1, 2, 3}));
    }
    record.put("attributes", Map.of("k", "v"));
    if (schema.getField("source") != null) {
      record.put("source", "cam-7");
    }
    if (schema.getField("lens") != null) {
      record.put("lens", "wide");
    }
    return record;
  }

  /** {@code record} in the Confluent wire format with schema id {@code id}. */
  static byte[] framed(int id, GenericRecord record) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(ByteBuffer.allocate(5).put((byte) 0).putInt(id).array());
    try {
      BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
      new GenericDatumWriter<GenericRecord>(record.getSchema()).write(record, encoder);
      encoder.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static ObjectNode tree() {
    try {
      return (ObjectNode) JSON.readTree(current().toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Schema parse(ObjectNode schema) {
    return new Schema.Parser().parse(schema.toString());
  }
}
