package googlenet.streams.serde;

import java.nio.ByteBuffer;
import java.util.HexFormat;

/** The two Avro framings a value can have, told apart by their first bytes. */
public enum Framing {
  /** Avro single-object encoding: {@code C3 01}, 8-byte fingerprint, body. */
  SINGLE_OBJECT,
  /** The Confluent wire format: {@code 00}, 4-byte big-endian schema id, body. */
  REGISTRY,
  /** Neither. */
  UNKNOWN;

  /** The length of the registry header: magic byte and schema id. */
  static final int REGISTRY_HEADER = 5;

  /** The framing of {@code value} (non-null). */
  public static Framing of(byte[] value) {
    if (value.length >= 2 && value[0] == (byte) 0xC3 && value[1] == 0x01) {
      return SINGLE_OBJECT;
    }
    if (value.length >= REGISTRY_HEADER && value[0] == 0) {
      return REGISTRY;
    }
    return UNKNOWN;
  }

  /** The schema id of a {@link #REGISTRY} framed value. */
  public static int schemaId(byte[] value) {
    return ByteBuffer.wrap(value, 1, 4).getInt();
  }

  /** The first bytes of {@code value} in hex, e.g. {@code 48 49 21}, for error messages. */
  static String prefix(byte[] value, int n) {
    return HexFormat.ofDelimiter(" ")
        .withUpperCase()
        .formatHex(value, 0, Math.min(n, value.length));
  }
}
