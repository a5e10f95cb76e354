package googlenet.streams.image;

/**
 * Limits checked before any pixel is decoded.
 *
 * @param maxBytes largest encoded image accepted, in bytes
 * @param maxPixels largest width times height accepted, read from the image header
 */
public record ImageLimits(int maxBytes, long maxPixels) {
  /** 20 MiB and 50 megapixels: larger than any camera frame, far below a decompression bomb. */
  public static final ImageLimits DEFAULT = new ImageLimits(20 * 1024 * 1024, 50_000_000L);

  /** Validates that both limits are positive. */
  public ImageLimits {
    if (maxBytes <= 0) {
      throw new IllegalArgumentException("maxBytes must be positive, got " + maxBytes);
    }
    if (maxPixels <= 0) {
      throw new IllegalArgumentException("maxPixels must be positive, got " + maxPixels);
    }
  }
}
