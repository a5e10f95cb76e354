package googlenet.streams.topology;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one oversized input from stopping the service. The input topic may accept records larger
 * than the service's producer sends ({@code max.request.size}); a send that fails aborts the
 * transaction and stops the stream thread. So a dead letter that would not fit is written without
 * its value, with {@link DeadLetterHeaders#VALUE_DROPPED} giving the original size.
 */
final class DeadLetterSize {
  private static final Logger LOG = LoggerFactory.getLogger(DeadLetterSize.class);

  /** Record batch and record framing, generously: Kafka's own overhead is under 100 bytes. */
  private static final int FRAMING = 1024;

  private DeadLetterSize() {}

  /**
   * The value to write for {@code pending}: the original when the record fits in {@code
   * maxRequestBytes}, else an empty one (and the header added to {@code headers}).
   */
  static byte[] fit(PendingRecord pending, Headers headers, int maxRequestBytes) {
    byte[] value = pending.value();
    if (value == null || estimate(pending.key(), value, headers) <= maxRequestBytes) {
      return value;
    }
    PendingRecord.put(headers, DeadLetterHeaders.VALUE_DROPPED, Integer.toString(value.length));
    LOG.warn(
        "dead letter {} is {} bytes, over max.request.size {}: written without its value",
        pending.position(),
        value.length,
        maxRequestBytes);
    return new byte[0];
  }

  private static long estimate(byte[] key, byte[] value, Headers headers) {
    long size = FRAMING + value.length + (key == null ? 0 : key.length);
    for (Header h : headers) {
      size += h.key().getBytes(StandardCharsets.UTF_8).length + 8;
      size += h.value() == null ? 0 : h.value().length;
    }
    return size;
  }
}
