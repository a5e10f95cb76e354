package googlenet.streams.serde;

import java.util.List;
import org.apache.kafka.common.errors.SerializationException;

/**
 * A record's value cannot be read as the expected type, and waiting will not change that: the
 * record belongs on the dead-letter topic with {@link #reason()} as its reason code. A {@link
 * SerializationException}, so code that caught the single-object serde's failures still catches
 * these.
 */
public final class RecordRejectedException extends SerializationException {
  /** The bytes are neither framing, or their Avro body is malformed. */
  public static final String UNDESERIALIZABLE = "undeserializable";

  /**
   * Registry framing with a schema id the registry does not know (or no registry is configured).
   */
  public static final String UNKNOWN_SCHEMA_ID = "unknown-schema-id";

  /** The writer schema (by id or fingerprint) cannot be resolved to the reader's schema. */
  public static final String INCOMPATIBLE_SCHEMA = "incompatible-schema";

  /** Every reason code this exception carries, to announce to the metrics up front. */
  public static final List<String> REASONS =
      List.of(UNDESERIALIZABLE, UNKNOWN_SCHEMA_ID, INCOMPATIBLE_SCHEMA);

  private static final long serialVersionUID = 1L;

  private final String reason;

  /**
   * A rejection.
   *
   * @param reason one of {@link #REASONS}
   * @param message what was wrong, naming the schema id and subject/version when known
   */
  public RecordRejectedException(String reason, String message) {
    super(message);
    this.reason = reason;
  }

  /**
   * The stable reason code for the dead-letter header and the metrics, e.g. {@code
   * undeserializable}.
   */
  public String reason() {
    return reason;
  }
}
