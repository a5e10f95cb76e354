package googlenet.streams.image;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Checks an encoded image against the limits using only its header: size in bytes, format (magic
 * bytes), dimensions and pixel count. Costs microseconds and allocates nothing proportional to the
 * declared size, so decompression bombs are refused before a decoder sees them.
 */
public final class ImageInspector {
  /** Configuration key named in messages about the byte limit. */
  public static final String MAX_BYTES_KEY = "image.max.bytes";

  /** Configuration key named in messages about the pixel limit. */
  public static final String MAX_PIXELS_KEY = "image.max.pixels";

  private ImageInspector() {}

  /**
   * Reads and checks the header of {@code encoded}.
   *
   * @throws ImageRejectedException {@code empty}, {@code too-large}, {@code unsupported-format},
   *     {@code corrupt} (unreadable header), {@code invalid-dimensions}, {@code too-many-pixels} or
   *     {@code too-many-scans}
   */
  public static ImageHeader inspect(byte[] encoded, ImageLimits limits)
      throws ImageRejectedException {
    if (encoded == null || encoded.length == 0) {
      throw new ImageRejectedException(RejectReason.EMPTY, "image has 0 bytes");
    }
    if (encoded.length > limits.maxBytes()) {
      throw new ImageRejectedException(
          RejectReason.TOO_LARGE,
          String.format(
              Locale.ROOT,
              "image is %d bytes, above the limit of %d (%s)",
              encoded.length,
              limits.maxBytes(),
              MAX_BYTES_KEY));
    }
    ImageHeader header = parse(encoded);
    checkDimensions(header, limits);
    return header;
  }

  private static ImageHeader parse(byte[] encoded) throws ImageRejectedException {
    ImageFormat format = ImageFormat.sniff(encoded).orElseThrow(() -> unsupported(encoded));
    switch (format) {
      case JPEG:
        return JpegHeaderParser.parse(encoded);
      case PNG:
        return PngHeaderParser.parse(encoded);
      case GIF:
        return GifHeaderParser.parse(encoded);
      case BMP:
        return BmpHeaderParser.parse(encoded);
      case WEBP:
        return WebpHeaderParser.parse(encoded);
      default:
        throw new IllegalStateException("no header parser for " + format);
    }
  }

  private static void checkDimensions(ImageHeader header, ImageLimits limits)
      throws ImageRejectedException {
    if (header.width() <= 0 || header.height() <= 0) {
      throw new ImageRejectedException(
          RejectReason.INVALID_DIMENSIONS,
          String.format(
              Locale.ROOT,
              "%s header declares %dx%d pixels; width and height must be positive",
              header.format().id(),
              header.width(),
              header.height()));
    }
    if (header.pixels() > limits.maxPixels()) {
      throw new ImageRejectedException(
          RejectReason.TOO_MANY_PIXELS,
          String.format(
              Locale.ROOT,
              "image is %dx%d = %d pixels, above the limit of %d (%s)",
              header.width(),
              header.height(),
              header.pixels(),
              limits.maxPixels(),
              MAX_PIXELS_KEY));
    }
  }

  private static ImageRejectedException unsupported(byte[] encoded) {
    String head =
        Arrays.stream(toBoxed(encoded, 8))
            .map(v -> String.format(Locale.ROOT, "%02X", v))
            .collect(Collectors.joining(" "));
    return new ImageRejectedException(
        RejectReason.UNSUPPORTED_FORMAT,
        "image starts with bytes "
            + head
            + ", which is not JPEG, PNG, GIF, BMP or WebP; send one of those formats");
  }

  private static Integer[] toBoxed(byte[] data, int max) {
    Integer[] out = new Integer[Math.min(max, data.length)];
    for (int i = 0; i < out.length; i++) {
      out[i] = data[i] & 0xFF;
    }
    return out;
  }
}
