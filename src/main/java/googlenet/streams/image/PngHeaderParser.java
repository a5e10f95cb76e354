package googlenet.streams.image;

import java.util.zip.CRC32;

/** Reads a PNG's dimensions from its IHDR chunk, which must come first and carry a valid CRC. */
final class PngHeaderParser {
  private static final int IHDR_LENGTH = 13;

  private PngHeaderParser() {}

  static ImageHeader parse(byte[] data) throws ImageRejectedException {
    Bytes b = new Bytes(data, "PNG");
    long length = b.u32be(8);
    if (!b.ascii(12, "IHDR") || length != IHDR_LENGTH) {
      throw b.corrupt("does not start with a 13-byte IHDR chunk");
    }
    long expectedCrc = b.u32be(16 + IHDR_LENGTH);
    CRC32 crc = new CRC32();
    crc.update(data, 12, 4 + IHDR_LENGTH);
    if (crc.getValue() != expectedCrc) {
      throw b.corrupt(
          "IHDR checksum is 0x"
              + Long.toHexString(expectedCrc)
              + " but the chunk hashes to 0x"
              + Long.toHexString(crc.getValue()));
    }
    return new ImageHeader(ImageFormat.PNG, signed(b.u32be(16)), signed(b.u32be(20)), 1);
  }

  /** PNG dimensions are at most 2^31-1; larger values are reported as negative (invalid). */
  private static long signed(long value) {
    return (int) value;
  }
}
