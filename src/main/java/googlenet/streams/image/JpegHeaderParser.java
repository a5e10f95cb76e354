package googlenet.streams.image;

/**
 * Reads a JPEG's dimensions by walking its marker segments up to the first SOFn frame header, and
 * its EXIF orientation from an APP1 segment met on the way.
 */
final class JpegHeaderParser {
  private static final int SOS = 0xDA;
  private static final int EOI = 0xD9;
  private static final int APP1 = 0xE1;
  private static final int PROGRESSIVE = 0xC2;

  private JpegHeaderParser() {}

  static ImageHeader parse(byte[] data) throws ImageRejectedException {
    Bytes b = new Bytes(data, "JPEG");
    Found found = findFrame(b);
    ImageHeader header = frame(b, found.marker(), found.pos(), found.orientation());
    if (found.marker() == PROGRESSIVE) {
      JpegScanCounter.check(data, found.pos() + b.u16be(found.pos()));
    }
    return header;
  }

  /**
   * The frame header of a JPEG whose header {@link #parse} accepted; {@code corrupt} when the frame
   * header is cut short.
   */
  static JpegFrame frame(byte[] data) throws ImageRejectedException {
    Bytes b = new Bytes(data, "JPEG");
    Found found = findFrame(b);
    return new JpegFrame(found.marker(), b.u8(found.pos() + 2), b.u8(found.pos() + 7));
  }

  /** Walks the marker segments to the first SOFn; {@code pos} is that segment's length field. */
  private static Found findFrame(Bytes b) throws ImageRejectedException {
    int orientation = 1;
    int pos = 2;
    while (true) {
      if (b.u8(pos) != 0xFF) {
        throw b.corrupt("has no marker at offset " + pos + " (found 0x" + hex(b.u8(pos)) + ")");
      }
      while (b.u8(pos) == 0xFF) {
        pos++; // fill bytes
      }
      int marker = b.u8(pos);
      pos++;
      if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
        continue; // standalone markers carry no length
      }
      if (marker == SOS || marker == EOI) {
        throw b.corrupt("has no frame header (SOFn) before marker 0x" + hex(marker));
      }
      int length = b.u16be(pos);
      if (length < 2) {
        throw b.corrupt("has a segment of length " + length + " at offset " + pos);
      }
      if (isFrame(marker)) {
        return new Found(marker, pos, orientation);
      }
      if (marker == APP1) {
        orientation = ExifOrientation.read(b.data(), pos + 2, length - 2, orientation);
      }
      pos += length;
    }
  }

  private static ImageHeader frame(Bytes b, int marker, int pos, int orientation)
      throws ImageRejectedException {
    if (marker >= 0xC5) {
      throw new ImageRejectedException(
          RejectReason.UNSUPPORTED_FORMAT,
          "JPEG coding process SOF"
              + (marker - 0xC0)
              + " (hierarchical or arithmetic) is not supported; re-encode as baseline or"
              + " progressive JPEG");
    }
    int height = b.u16be(pos + 3);
    int width = b.u16be(pos + 5);
    return new ImageHeader(ImageFormat.JPEG, width, height, orientation);
  }

  /** SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC). */
  private static boolean isFrame(int marker) {
    return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
  }

  private record Found(int marker, int pos, int orientation) {}

  private static String hex(int value) {
    return String.format("%02X", value);
  }
}
