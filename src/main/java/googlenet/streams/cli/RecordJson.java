package googlenet.streams.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import googlenet.streams.avro.Classification;
import googlenet.streams.avro.ImageRecord;
import googlenet.streams.serde.AvroSerde;
import googlenet.streams.topology.DeadLetterHeaders;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Header;

/**
 * One consumed record as a JSON object for {@code tail}: where it was ({@code topic}, {@code
 * partition}, {@code offset}, {@code timestamp}, {@code key}) and then, by what it holds, one of
 * {@code deadLetter} (its {@code gns.error.*} and {@code gns.source.*} headers and the value's size
 * and SHA-256), {@code classification}, {@code image} (an ImageRecord, bytes shown as their count)
 * or {@code unknown}.
 */
final class RecordJson {
  /** Prefixes of the dead-letter headers printed: the error and the record's origin. */
  static final List<String> HEADER_PREFIXES = List.of("gns.error.", "gns.source.");

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private final AvroSerde<Classification> classifications = AvroSerde.classification();
  private final AvroSerde<ImageRecord> images = AvroSerde.imageRecord();

  /** The JSON object of one record. */
  ObjectNode toJson(ConsumerRecord<byte[], byte[]> record) {
    ObjectNode node = JSON.objectNode();
    node.put("topic", record.topic());
    node.put("partition", record.partition());
    node.put("offset", record.offset());
    node.put("timestamp", Instant.ofEpochMilli(record.timestamp()).toString());
    node.put("key", record.key() == null ? null : utf8(record.key()));
    if (record.headers().lastHeader(DeadLetterHeaders.REASON) != null) {
      ObjectNode dead = node.putObject("deadLetter");
      dead.set("headers", deadLetterHeaders(record));
      putValueDigest(dead, record.value());
      return node;
    }
    decodeInto(node, record.value());
    return node;
  }

  private void decodeInto(ObjectNode node, byte[] value) {
    try {
      node.set("classification", AvroJson.toJson(classifications.decode(value)));
      return;
    } catch (SerializationException notAClassification) {
      // try the next type
    }
    try {
      node.set("image", AvroJson.toJson(images.decode(value)));
    } catch (SerializationException e) {
      ObjectNode unknown = node.putObject("unknown");
      unknown.put("error", e.getMessage());
      putValueDigest(unknown, value);
    }
  }

  private static ObjectNode deadLetterHeaders(ConsumerRecord<byte[], byte[]> record) {
    ObjectNode headers = JSON.objectNode();
    for (Header h : record.headers()) {
      if (HEADER_PREFIXES.stream().anyMatch(h.key()::startsWith)) {
        headers.put(h.key(), h.value() == null ? null : utf8(h.value()));
      }
    }
    return headers;
  }

  private static void putValueDigest(ObjectNode node, byte[] value) {
    if (value == null) {
      node.putNull("valueBytes");
      node.putNull("valueSha256");
    } else {
      node.put("valueBytes", value.length);
      node.put("valueSha256", sha256(value));
    }
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JVM has no SHA-256", e);
    }
  }

  private static String utf8(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
