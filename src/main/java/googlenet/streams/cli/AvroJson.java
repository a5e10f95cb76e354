package googlenet.streams.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.IndexedRecord;

/**
 * Avro records as plain JSON for people and {@code jq}: unions unwrapped, timestamps as ISO-8601
 * strings, bytes as their length (images are not printed).
 */
final class AvroJson {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private AvroJson() {}

  /** The record's fields as a JSON object, in schema order. */
  static ObjectNode toJson(IndexedRecord record) {
    ObjectNode node = JSON.objectNode();
    for (Schema.Field field : record.getSchema().getFields()) {
      node.set(field.name(), value(record.get(field.pos())));
    }
    return node;
  }

  private static JsonNode value(Object v) {
    if (v == null) {
      return JSON.nullNode();
    } else if (v instanceof IndexedRecord r) {
      return toJson(r);
    } else if (v instanceof Map<?, ?> map) {
      ObjectNode node = JSON.objectNode();
      map.forEach((k, val) -> node.set(String.valueOf(k), value(val)));
      return node;
    } else if (v instanceof Collection<?> list) {
      ArrayNode array = JSON.arrayNode();
      list.forEach(item -> array.add(value(item)));
      return array;
    } else if (v instanceof ByteBuffer bytes) {
      return JSON.objectNode().put("bytes", bytes.remaining());
    }
    return scalar(v);
  }

  private static JsonNode scalar(Object v) {
    if (v instanceof Integer i) {
      return JSON.numberNode(i);
    } else if (v instanceof Long l) {
      return JSON.numberNode(l);
    } else if (v instanceof Float f) {
      return JSON.numberNode(f);
    } else if (v instanceof Double d) {
      return JSON.numberNode(d);
    } else if (v instanceof Boolean b) {
      return JSON.booleanNode(b);
    } else if (v instanceof Instant t) {
      return JSON.textNode(t.toString());
    }
    return JSON.textNode(v.toString());
  }
}
