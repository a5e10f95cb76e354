package googlenet.streams.image;

/**
 * What the header of an encoded image says, read without decoding any pixel.
 *
 * @param format the encoded format
 * @param width width in pixels as stored (before EXIF orientation)
 * @param height height in pixels as stored (before EXIF orientation)
 * @param orientation EXIF orientation 1..8 (1 = as stored); always 1 for formats other than JPEG
 */
public record ImageHeader(ImageFormat format, long width, long height, int orientation) {
  /** Width times height. */
  public long pixels() {
    return width * height;
  }

  /** True when the orientation swaps width and height (EXIF 5..8). */
  public boolean transposed() {
    return orientation >= 5;
  }
}
