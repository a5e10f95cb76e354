package googlenet.streams.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import googlenet.streams.avro.Classification;
import googlenet.streams.avro.ImageRecord;
import googlenet.streams.serde.Framing;
import googlenet.streams.serde.RecordReader;
import googlenet.streams.serde.RecordSerdes;
import googlenet.streams.serde.RegistryUnavailableException;
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
 * or {@code unknown}. Values in schema registry framing also get {@code schemaId}; they are decoded
 * when a registry is configured.
 */
final class RecordJson {
  /** Prefixes of the dead-letter headers printed: the error and the record's origin. */
  static final List<String> HEADER_PREFIXES = List.of("gns.error.", "gns.source.");

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private final RecordReader<Classification> classifications;
  private final RecordReader<ImageRecord> images;

  /** Decodes values in single-object encoding only. */
  RecordJson() {
    this(RecordSerdes.singleObject());
  }

  /** Decodes values in either framing, registry framing through {@code serdes}' registry. */
  RecordJson(RecordSerdes serdes) {
    this.classifications = serdes.reader(Classification.class);
    this.images = serdes.reader(ImageRecord.class);
  }

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
    if (value != null && Framing.of(value) == Framing.REGISTRY) {
      node.put("schemaId", Framing.schemaId(value));
    }
    try {
      node.set("classification", AvroJson.toJson(classifications.read(value)));
      return;
    } catch (SerializationException | RegistryUnavailableException notAClassification) {
      // try the next type
    }
    try {
      node.set("image", AvroJson.toJson(images.read(value)));
    } catch (SerializationException | RegistryUnavailableException e) {
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
