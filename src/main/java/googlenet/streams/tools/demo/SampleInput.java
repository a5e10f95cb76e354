package googlenet.streams.tools.demo;

import googlenet.streams.avro.ImageRecord;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.function.Function;

/**
 * One record the demo publishes.
 *
 * @param id image id and record key
 * @param bytes the encoded image (or, when {@code raw}, the whole record value)
 * @param contentType media type for the ImageRecord, or null
 * @param raw true to send {@code bytes} as the value itself instead of inside an ImageRecord: an
 *     undeserializable record
 * @param expectedReject why the pipeline should reject it, or null for a good image
 */
public record SampleInput(
    String id, byte[] bytes, String contentType, boolean raw, String expectedReject) {

  /** True when the pipeline should classify it. */
  public boolean good() {
    return expectedReject == null;
  }

  /** The record value to send: its ImageRecord as {@code encoder} frames it, or the raw bytes. */
  public byte[] value(Function<ImageRecord, byte[]> encoder) {
    if (raw) {
      return bytes;
    }
    return encoder.apply(
        ImageRecord.newBuilder()
            .setId(id)
            .setImage(ByteBuffer.wrap(bytes))
            .setContentType(contentType)
            .setSource("demo")
            .setCapturedAt(null)
            .setAttributes(Map.of())
            .build());
  }
}
