package googlenet.streams.image;

/**
 * Bounds-checked reads of header fields. Every read past the end of the input becomes a {@code
 * corrupt} rejection naming the format and the offset, so header parsers never throw anything else.
 */
final class Bytes {
  private final byte[] data;
  private final String format;

  Bytes(byte[] data, String format) {
    this.data = data;
    this.format = format;
  }

  byte[] data() {
    return data;
  }

  int length() {
    return data.length;
  }

  boolean has(int offset, int count) {
    return offset >= 0 && count >= 0 && offset <= data.length - count;
  }

  int u8(int offset) throws ImageRejectedException {
    require(offset, 1);
    return data[offset] & 0xFF;
  }

  int u16be(int offset) throws ImageRejectedException {
    require(offset, 2);
    return (data[offset] & 0xFF) << 8 | (data[offset + 1] & 0xFF);
  }

  int u16le(int offset) throws ImageRejectedException {
    require(offset, 2);
    return (data[offset] & 0xFF) | (data[offset + 1] & 0xFF) << 8;
  }

  int u24le(int offset) throws ImageRejectedException {
    require(offset, 3);
    return u16le(offset) | (data[offset + 2] & 0xFF) << 16;
  }

  long u32be(int offset) throws ImageRejectedException {
    require(offset, 4);
    return (long) u16be(offset) << 16 | u16be(offset + 2);
  }

  int s32le(int offset) throws ImageRejectedException {
    require(offset, 4);
    return u16le(offset) | u16le(offset + 2) << 16;
  }

  /** True when the bytes at {@code offset} equal the ASCII string {@code ascii}. */
  boolean ascii(int offset, String ascii) {
    if (!has(offset, ascii.length())) {
      return false;
    }
    for (int i = 0; i < ascii.length(); i++) {
      if (data[offset + i] != (byte) ascii.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  byte[] array() {
    return data;
  }

  ImageRejectedException corrupt(String what) {
    return new ImageRejectedException(RejectReason.CORRUPT, format + " header " + what);
  }

  private void require(int offset, int count) throws ImageRejectedException {
    if (!has(offset, count)) {
      throw corrupt(
          "is truncated: needs "
              + count
              + " byte(s) at offset "
              + offset
              + " but the image has "
              + data.length
              + " bytes");
    }
  }
}
