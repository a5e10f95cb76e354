package googlenet.streams.image;

/** Reads a WebP's canvas size from its first chunk: VP8 (lossy), VP8L (lossless) or VP8X. */
final class WebpHeaderParser {
  private static final int CHUNK = 12;
  private static final int PAYLOAD = 20;

  private WebpHeaderParser() {}

  static ImageHeader parse(byte[] data) throws ImageRejectedException {
    Bytes b = new Bytes(data, "WebP");
    if (b.ascii(CHUNK, "VP8 ")) {
      if (b.u8(PAYLOAD + 3) != 0x9D || b.u8(PAYLOAD + 4) != 0x01 || b.u8(PAYLOAD + 5) != 0x2A) {
        throw b.corrupt("VP8 frame has no start code 9D 01 2A");
      }
      return header(b.u16le(PAYLOAD + 6) & 0x3FFF, b.u16le(PAYLOAD + 8) & 0x3FFF);
    }
    if (b.ascii(CHUNK, "VP8L")) {
      if (b.u8(PAYLOAD) != 0x2F) {
        throw b.corrupt("VP8L stream has no signature byte 0x2F");
      }
      long bits = b.s32le(PAYLOAD + 1) & 0xFFFFFFFFL;
      return header((bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1);
    }
    if (b.ascii(CHUNK, "VP8X")) {
      return header(b.u24le(PAYLOAD + 4) + 1L, b.u24le(PAYLOAD + 7) + 1L);
    }
    throw b.corrupt("has no VP8, VP8L or VP8X chunk at offset " + CHUNK);
  }

  private static ImageHeader header(long width, long height) {
    return new ImageHeader(ImageFormat.WEBP, width, height, 1);
  }
}
