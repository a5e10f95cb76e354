package googlenet.streams.image;

/**
 * Reads the dimensions of a GIF's first frame from its image descriptor, found by skipping the
 * global colour table and any extension blocks. The first frame is decoded at its own size (the
 * logical screen is not allocated), so its size is what the limits apply to.
 */
final class GifHeaderParser {
  private static final int EXTENSION = 0x21;
  private static final int IMAGE = 0x2C;
  private static final int TRAILER = 0x3B;

  private GifHeaderParser() {}

  static ImageHeader parse(byte[] data) throws ImageRejectedException {
    Bytes b = new Bytes(data, "GIF");
    int flags = b.u8(10);
    int pos = 13 + ((flags & 0x80) != 0 ? 3 * (2 << (flags & 7)) : 0);
    while (true) {
      int block = b.u8(pos);
      if (block == IMAGE) {
        return new ImageHeader(ImageFormat.GIF, b.u16le(pos + 5), b.u16le(pos + 7), 1);
      } else if (block == EXTENSION) {
        pos = skipSubBlocks(b, pos + 2);
      } else if (block == TRAILER) {
        throw b.corrupt("ends before its first image");
      } else {
        throw b.corrupt(
            "has an unknown block 0x" + Integer.toHexString(block) + " at offset " + pos);
      }
    }
  }

  private static int skipSubBlocks(Bytes b, int pos) throws ImageRejectedException {
    int size = b.u8(pos);
    while (size != 0) {
      pos += size + 1;
      size = b.u8(pos);
    }
    return pos + 1;
  }
}
