package googlenet.streams.image;

import java.util.Locale;

/**
 * Why an image cannot be labelled. The {@link #code()} is a stable string that appears in
 * dead-letter headers, metrics labels and command-line output; never rename one.
 */
public enum RejectReason {
  /** The record carried no image bytes. */
  EMPTY,
  /** The bytes are not a format the service decodes (JPEG, PNG, BMP, GIF, WebP). */
  UNSUPPORTED_FORMAT,
  /** The bytes start like a known format but cannot be decoded. */
  CORRUPT,
  /** The encoded image is larger than the configured maximum number of bytes. */
  TOO_LARGE,
  /** The header declares more pixels than the configured maximum. */
  TOO_MANY_PIXELS,
  /** The header declares a zero or negative width or height. */
  INVALID_DIMENSIONS,
  /**
   * A progressive JPEG with more scans than any encoder writes (over 100): each scan is a full pass
   * over the image, so such a file is a CPU bomb.
   */
  TOO_MANY_SCANS;

  /** The stable, lower-case, hyphenated code, e.g. {@code too-many-pixels}. */
  public String code() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
