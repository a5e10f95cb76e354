package googlenet.streams.image;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Which decoder turns JPEGs into pixels ({@code image.decoder}). */
public enum DecoderMode {
  /**
   * The native decoder when its library loads on this machine, otherwise ImageIO with one warning
   * logged when the preprocessor is created.
   */
  AUTO,
  /** The native decoder; the preprocessor refuses to be created when its library cannot load. */
  NATIVE,
  /** ImageIO only (the reference path). */
  IMAGEIO;

  /** The name used in configuration, e.g. {@code imageio}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses a mode name such as {@code auto}.
   *
   * @throws IllegalArgumentException naming the bad value and the accepted ones
   */
  public static DecoderMode fromId(String id) {
    for (DecoderMode mode : values()) {
      if (mode.id().equals(id)) {
        return mode;
      }
    }
    throw new IllegalArgumentException(
        "unknown image decoder '"
            + id
            + "'; use one of "
            + Arrays.stream(values()).map(DecoderMode::id).collect(Collectors.joining(", ")));
  }
}
