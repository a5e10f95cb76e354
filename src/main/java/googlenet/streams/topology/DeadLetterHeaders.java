package googlenet.streams.topology;

import googlenet.streams.image.RejectReason;
import java.util.ArrayList;
import java.util.List;

/**
 * Names of the headers added to every record on the dead-letter topic, and the reason codes of
 * {@link #REASON}. A dead letter keeps the original key and value bytes untouched and the original
 * headers; these are added (replacing earlier ones of the same name). Values are UTF-8 strings.
 *
 * <p>Reason codes: {@link #UNDESERIALIZABLE}, {@link #NULL_VALUE}, {@link #INFERENCE_FAILED},
 * {@link #SOURCE_MISSING}, and the image codes of {@link
 * googlenet.streams.image.RejectReason#code()} ({@code empty}, {@code unsupported-format}, {@code
 * corrupt}, {@code too-large}, {@code too-many-pixels}, {@code invalid-dimensions}, {@code
 * too-many-scans}); {@link #reasons()} lists them all.
 */
public final class DeadLetterHeaders {
  /** Stable reason code, e.g. {@code corrupt}. */
  public static final String REASON = "gns.error.reason";

  /** Human-readable message naming what was wrong. */
  public static final String MESSAGE = "gns.error.message";

  /** Class name of the exception behind the rejection. */
  public static final String EXCEPTION = "gns.error.exception";

  /** Topic the record was read from. */
  public static final String SOURCE_TOPIC = "gns.source.topic";

  /** Partition the record was read from, in decimal. */
  public static final String SOURCE_PARTITION = "gns.source.partition";

  /** Offset the record was read from, in decimal. */
  public static final String SOURCE_OFFSET = "gns.source.offset";

  /**
   * On a dead letter written without its value (an empty one) because the original would not fit in
   * the producer's {@code max.request.size}: the original value's size in bytes, decimal. The
   * source headers say where the original still is.
   */
  public static final String VALUE_DROPPED = "gns.error.value.dropped.bytes";

  /** Reason: the value is not an Avro single-object encoded ImageRecord of a known schema. */
  public static final String UNDESERIALIZABLE = "undeserializable";

  /** Reason: the record has no value (a tombstone). */
  public static final String NULL_VALUE = "null-value";

  /** Reason: the image failed inference when run alone; the engine itself still works. */
  public static final String INFERENCE_FAILED = "inference-failed";

  /**
   * Reason: a record a crashed or moved task had not finished could not be read back from the input
   * topic (retention or compaction removed it first); the dead letter has no key or value, its
   * source headers say which record it was.
   */
  public static final String SOURCE_MISSING = "source-missing";

  /** Every reason code a dead letter can carry: the stream's own and every image rejection's. */
  public static List<String> reasons() {
    List<String> out =
        new ArrayList<>(List.of(UNDESERIALIZABLE, NULL_VALUE, INFERENCE_FAILED, SOURCE_MISSING));
    for (RejectReason r : RejectReason.values()) {
      out.add(r.code());
    }
    return List.copyOf(out);
  }

  private DeadLetterHeaders() {}
}
