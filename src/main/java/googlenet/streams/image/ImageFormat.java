package googlenet.streams.image;

import java.util.Locale;
import java.util.Optional;

/** The encoded formats the preprocessor accepts, identified by their magic bytes. */
public enum ImageFormat {
  /** JPEG / JFIF / EXIF: starts with {@code FF D8 FF}. */
  JPEG,
  /** PNG: starts with the 8-byte PNG signature. */
  PNG,
  /** GIF87a or GIF89a. */
  GIF,
  /** Windows bitmap: starts with {@code BM}. */
  BMP,
  /** WebP: a RIFF container of type {@code WEBP}. */
  WEBP;

  private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

  /** Lower-case name, as used in messages and metrics, e.g. {@code jpeg}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Identifies the format from the first bytes; empty when no supported format matches. */
  public static Optional<ImageFormat> sniff(byte[] data) {
    Bytes b = new Bytes(data, "image");
    if (b.has(0, 3)
        && (data[0] & 0xFF) == 0xFF
        && (data[1] & 0xFF) == 0xD8
        && (data[2] & 0xFF) == 0xFF) {
      return Optional.of(JPEG);
    }
    if (startsWith(data, PNG_SIGNATURE)) {
      return Optional.of(PNG);
    }
    if (b.ascii(0, "GIF87a") || b.ascii(0, "GIF89a")) {
      return Optional.of(GIF);
    }
    if (b.ascii(0, "BM")) {
      return Optional.of(BMP);
    }
    if (b.ascii(0, "RIFF") && b.ascii(8, "WEBP")) {
      return Optional.of(WEBP);
    }
    return Optional.empty();
  }

  private static boolean startsWith(byte[] data, byte[] prefix) {
    if (data.length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (data[i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }
}
