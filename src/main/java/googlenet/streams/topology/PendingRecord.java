package googlenet.streams.topology;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * An input record exactly as it was read, kept in the batch buffer until its batch is emitted: the
 * original key and value bytes, headers, timestamp and position. Everything a result or a dead
 * letter needs, so neither depends on the record being processed when it is written.
 *
 * @param key original key bytes, may be null
 * @param value original value bytes, may be null
 * @param headers original headers
 * @param timestamp the input record's timestamp
 * @param topic source topic
 * @param partition source partition
 * @param offset source offset
 */
public record PendingRecord(
    byte[] key,
    byte[] value,
    Header[] headers,
    long timestamp,
    String topic,
    int partition,
    long offset) {

  /** Copies the header array. */
  public PendingRecord {
    headers = headers.clone();
  }

  /** A fresh, writable copy of the original headers. */
  public Headers copyHeaders() {
    return new RecordHeaders(headers.clone());
  }

  /** {@code topic-partition@offset}, as logs name a record. */
  public String position() {
    return topic + "-" + partition + "@" + offset;
  }

  /** The headers with {@code name} replaced by {@code value}. */
  static Headers put(Headers headers, String name, String value) {
    headers.remove(name);
    headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    return headers;
  }
}
