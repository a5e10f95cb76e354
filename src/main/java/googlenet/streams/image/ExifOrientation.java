package googlenet.streams.image;

/**
 * Reads the orientation tag (0x0112) from the first IFD of an EXIF APP1 segment. Anything that does
 * not parse leaves the orientation unchanged: a broken EXIF block never rejects an image.
 */
final class ExifOrientation {
  private static final int ORIENTATION_TAG = 0x0112;

  private ExifOrientation() {}

  /**
   * Returns the orientation 1..8 found in the APP1 payload at {@code start} (length {@code
   * length}), or {@code fallback} when the payload is not EXIF or has no valid orientation.
   */
  static int read(byte[] data, int start, int length, int fallback) {
    Bytes b = new Bytes(data, "EXIF");
    if (length < 14 || !b.has(start, length) || !b.ascii(start, "Exif\0\0")) {
      return fallback;
    }
    int tiff = start + 6;
    int end = start + length;
    boolean little = b.ascii(tiff, "II");
    if (!little && !b.ascii(tiff, "MM")) {
      return fallback;
    }
    try {
      long ifd = tiff + u32(b, tiff + 4, little);
      if (ifd + 2 > end) {
        return fallback;
      }
      int entries = u16(b, (int) ifd, little);
      for (int i = 0; i < entries; i++) {
        int entry = (int) ifd + 2 + 12 * i;
        if (entry + 12 > end) {
          return fallback;
        }
        if (u16(b, entry, little) == ORIENTATION_TAG) {
          int value = u16(b, entry + 8, little);
          return value >= 1 && value <= 8 ? value : fallback;
        }
      }
    } catch (ImageRejectedException e) {
      return fallback;
    }
    return fallback;
  }

  private static int u16(Bytes b, int offset, boolean little) throws ImageRejectedException {
    return little ? b.u16le(offset) : b.u16be(offset);
  }

  private static long u32(Bytes b, int offset, boolean little) throws ImageRejectedException {
    return little ? (b.s32le(offset) & 0xFFFFFFFFL) : b.u32be(offset);
  }
}
