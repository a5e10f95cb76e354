package googlenet.streams.image;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * Minimal, well-formed headers declaring any size, with no pixel data behind them: the inputs of
 * decompression-bomb and bad-dimension checks.
 */
final class CraftedHeaders {
  static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

  private CraftedHeaders() {}

  /** PNG signature and an IHDR chunk (8-bit RGB) with a correct CRC, nothing else. */
  static byte[] png(int width, int height) {
    ByteBuffer ihdr = ByteBuffer.allocate(13);
    ihdr.putInt(width).putInt(height).put((byte) 8).put((byte) 2).put(new byte[3]);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(PNG_SIGNATURE);
    out.writeBytes(pngChunk("IHDR", ihdr.array()));
    return out.toByteArray();
  }

  /** One PNG chunk: length, type, data, CRC over type and data. */
  static byte[] pngChunk(String type, byte[] data) {
    byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
    CRC32 crc = new CRC32();
    crc.update(typeBytes);
    crc.update(data);
    return ByteBuffer.allocate(12 + data.length)
        .putInt(data.length)
        .put(typeBytes)
        .put(data)
        .putInt((int) crc.getValue())
        .array();
  }

  /** SOI and a baseline SOF0 frame header for 3 components, nothing else. */
  static byte[] jpeg(int width, int height) {
    return ByteBuffer.allocate(2 + 19)
        .put(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xC0, 0, 17, 8})
        .putShort((short) height)
        .putShort((short) width)
        .put(new byte[] {3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1})
        .array();
  }

  /**
   * A progressive JPEG whose last scan (with the Huffman table before it) is repeated until the
   * file holds {@code scans} scans: the shape of a scan-count CPU bomb.
   */
  static byte[] progressiveJpegWithScans(int scans) {
    byte[] jpeg = SampleImages.encodeJpeg(SampleImages.picture(64, 48, 1), 0.9f, true);
    int have = JpegScanCounter.count(jpeg, 2, Integer.MAX_VALUE);
    int last = lastMarker(jpeg, 0xC4);
    int end = jpeg.length - 2; // before EOI
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(jpeg, 0, end);
    for (int i = have; i < scans; i++) {
      out.write(jpeg, last, end - last);
    }
    out.write(jpeg, end, 2);
    return out.toByteArray();
  }

  private static int lastMarker(byte[] jpeg, int marker) {
    for (int i = jpeg.length - 2; i > 1; i--) {
      if ((jpeg[i] & 0xFF) == 0xFF && (jpeg[i + 1] & 0xFF) == marker) {
        return i;
      }
    }
    throw new IllegalStateException("no marker 0x" + Integer.toHexString(marker));
  }

  /** GIF89a with a 1x1 logical screen and a first image descriptor of the given size. */
  static byte[] gif(int width, int height) {
    return ByteBuffer.allocate(13 + 10)
        .order(ByteOrder.LITTLE_ENDIAN)
        .put("GIF89a".getBytes(StandardCharsets.US_ASCII))
        .putShort((short) 1)
        .putShort((short) 1)
        .put(new byte[] {0, 0, 0, 0x2C, 0, 0, 0, 0})
        .putShort((short) width)
        .putShort((short) height)
        .put((byte) 0)
        .array();
  }

  /** BMP file header and a 40-byte info header (24 bits per pixel), no pixel rows. */
  static byte[] bmp(int width, int height) {
    return ByteBuffer.allocate(14 + 40)
        .order(ByteOrder.LITTLE_ENDIAN)
        .put((byte) 'B')
        .put((byte) 'M')
        .putInt(54)
        .putInt(0)
        .putInt(54)
        .putInt(40)
        .putInt(width)
        .putInt(height)
        .putShort((short) 1)
        .putShort((short) 24)
        .put(new byte[24])
        .array();
  }

  /** RIFF/WEBP with a VP8X chunk declaring the canvas size, nothing else. */
  static byte[] webp(int width, int height) {
    ByteBuffer b = ByteBuffer.allocate(30).order(ByteOrder.LITTLE_ENDIAN);
    b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(22);
    b.put("WEBPVP8X".getBytes(StandardCharsets.US_ASCII)).putInt(10).putInt(0);
    int w = width - 1;
    int h = height - 1;
    b.put((byte) w).put((byte) (w >> 8)).put((byte) (w >> 16));
    b.put((byte) h).put((byte) (h >> 8)).put((byte) (h >> 16));
    return b.array();
  }
}
