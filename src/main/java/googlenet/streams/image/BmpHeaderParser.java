package googlenet.streams.image;

/**
 * Reads a BMP's dimensions from its DIB header: the 12-byte OS/2 core header (unsigned 16-bit
 * sizes) or any later Windows header (signed 32-bit; a negative height means rows top-down).
 */
final class BmpHeaderParser {
  private static final int DIB = 14;
  private static final int CORE_HEADER = 12;

  private BmpHeaderParser() {}

  static ImageHeader parse(byte[] data) throws ImageRejectedException {
    Bytes b = new Bytes(data, "BMP");
    int headerSize = b.s32le(DIB);
    if (headerSize == CORE_HEADER) {
      return new ImageHeader(ImageFormat.BMP, b.u16le(DIB + 4), b.u16le(DIB + 6), 1);
    }
    if (headerSize < 16) {
      throw b.corrupt("has an info header of " + headerSize + " bytes; expected 12, 40 or more");
    }
    long width = b.s32le(DIB + 4);
    long height = b.s32le(DIB + 8);
    return new ImageHeader(ImageFormat.BMP, width, Math.abs(height), 1);
  }
}
