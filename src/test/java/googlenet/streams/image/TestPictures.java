package googlenet.streams.image;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/** Small images with known pixels, and encoders for formats ImageIO cannot write directly. */
final class TestPictures {
  static final Color RED = new Color(255, 0, 0);
  static final Color GREEN = new Color(0, 255, 0);
  static final Color BLUE = new Color(0, 0, 255);
  static final Color WHITE = new Color(255, 255, 255);

  private TestPictures() {}

  static BufferedImage solid(int width, int height, Color color) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
    fill(image, 0, 0, width, height, color);
    return image;
  }

  /** Top-left red, top-right green, bottom-left blue, bottom-right white. */
  static BufferedImage quadrants(int width, int height, int type) {
    BufferedImage image = new BufferedImage(width, height, type);
    int hw = width / 2;
    int hh = height / 2;
    fill(image, 0, 0, hw, hh, RED);
    fill(image, hw, 0, width - hw, hh, GREEN);
    fill(image, 0, hh, hw, height - hh, BLUE);
    fill(image, hw, hh, width - hw, height - hh, WHITE);
    return image;
  }

  static void fill(BufferedImage image, int x, int y, int w, int h, Color color) {
    Graphics2D g = image.createGraphics();
    try {
      g.setColor(color);
      g.fillRect(x, y, w, h);
    } finally {
      g.dispose();
    }
  }

  /** A palette image whose four entries are the quadrant colours. */
  static BufferedImage paletteQuadrants(int width, int height) {
    byte[] r = {(byte) 255, 0, 0, (byte) 255};
    byte[] g = {0, (byte) 255, 0, (byte) 255};
    byte[] b = {0, 0, (byte) 255, (byte) 255};
    IndexColorModel palette = new IndexColorModel(2, 4, r, g, b);
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_BINARY, palette);
    WritableRaster raster = image.getRaster();
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        raster.setSample(x, y, 0, (y < height / 2 ? 0 : 2) + (x < width / 2 ? 0 : 1));
      }
    }
    return image;
  }

  /**
   * A 4-channel JPEG stored the Adobe way (inverted CMYK, APP14 transform 0): left half red (C=0,
   * M=Y=100%), right half blue (C=M=100%).
   */
  static byte[] cmykJpeg(int width, int height) {
    WritableRaster raster =
        Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, width, height, 4, null);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        raster.setPixel(
            x, y, x < width / 2 ? new int[] {255, 0, 0, 255} : new int[] {0, 0, 255, 255});
      }
    }
    return cmykJpeg(raster);
  }

  /** A 4-channel JPEG of {@code raster} with an Adobe APP14 segment (transform 0). */
  static byte[] cmykJpeg(Raster raster) {
    ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
      writer.setOutput(out);
      writer.write(null, new IIOImage(raster, null, null), null);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      writer.dispose();
    }
    byte[] app14 = {
      (byte) 0xFF, (byte) 0xEE, 0, 14, 'A', 'd', 'o', 'b', 'e', 0, 100, 0, 0, 0, 0, 0
    };
    return insertAfterSoi(bytes.toByteArray(), app14);
  }

  /** An animated GIF with one frame per image, written with ImageIO's sequence API. */
  static byte[] animatedGif(BufferedImage... frames) {
    ImageWriter writer = ImageIO.getImageWritersByFormatName("gif").next();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
      writer.setOutput(out);
      writer.prepareWriteSequence(null);
      for (BufferedImage frame : frames) {
        writer.writeToSequence(new IIOImage(frame, null, null), null);
      }
      writer.endWriteSequence();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      writer.dispose();
    }
    return bytes.toByteArray();
  }

  /** A big-endian EXIF APP1 segment holding only the orientation tag. */
  static byte[] exifOrientation(int orientation) {
    ByteBuffer b = ByteBuffer.allocate(2 + 2 + 6 + 8 + 2 + 12 + 4);
    b.put((byte) 0xFF).put((byte) 0xE1).putShort((short) (b.capacity() - 2));
    b.put("Exif\0\0".getBytes(StandardCharsets.US_ASCII));
    b.put("MM".getBytes(StandardCharsets.US_ASCII)).putShort((short) 42).putInt(8);
    b.putShort((short) 1);
    b.putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) orientation);
    b.putShort((short) 0);
    b.putInt(0);
    return b.array();
  }

  static byte[] insertAfterSoi(byte[] jpeg, byte[] segment) {
    byte[] out = new byte[jpeg.length + segment.length];
    System.arraycopy(jpeg, 0, out, 0, 2);
    System.arraycopy(segment, 0, out, 2, segment.length);
    System.arraycopy(jpeg, 2, out, 2 + segment.length, jpeg.length - 2);
    return out;
  }

  /**
   * A lossless WebP (VP8L) of one colour, built bit by bit: no transforms, no colour cache, and
   * five "simple" prefix codes of one symbol each (green, red, blue, alpha, distance), so every
   * pixel is coded in zero bits.
   */
  static byte[] webpLossless(int width, int height, Color color) {
    return webpLossless(width, height, color, false);
  }

  /**
   * Like {@link #webpLossless(int, int, Color)}, but when {@code oneBitGreen} the green code has
   * two symbols (one bit per pixel) and no pixel bits follow: the stream ends at once.
   */
  static byte[] webpLossless(int width, int height, Color color, boolean oneBitGreen) {
    BitWriter bits = new BitWriter();
    bits.write(0x2F, 8);
    bits.write(width - 1, 14);
    bits.write(height - 1, 14);
    bits.write(0, 1); // alpha unused
    bits.write(0, 3); // version
    bits.write(0, 1); // no transform
    bits.write(0, 1); // no colour cache
    bits.write(0, 1); // no meta prefix codes
    int[] symbols = {color.getGreen(), color.getRed(), color.getBlue(), 255, 0};
    for (int i = 0; i < symbols.length; i++) {
      boolean two = oneBitGreen && i == 0;
      bits.write(1, 1); // simple code
      bits.write(two ? 1 : 0, 1); // one or two symbols
      bits.write(1, 1); // 8-bit first symbol
      bits.write(symbols[i], 8);
      if (two) {
        bits.write((symbols[i] + 1) & 0xFF, 8);
      }
    }
    byte[] payload = bits.toBytes();
    int padded = payload.length + (payload.length & 1);
    ByteBuffer b = ByteBuffer.allocate(20 + padded).order(ByteOrder.LITTLE_ENDIAN);
    b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(12 + padded);
    b.put("WEBPVP8L".getBytes(StandardCharsets.US_ASCII)).putInt(payload.length);
    b.put(payload);
    return b.array();
  }

  /** Least-significant-bit-first bit packing, as VP8L reads. */
  private static final class BitWriter {
    private byte[] bytes = new byte[16];
    private int count;

    void write(int value, int n) {
      for (int i = 0; i < n; i++) {
        if (count / 8 == bytes.length) {
          bytes = Arrays.copyOf(bytes, bytes.length * 2);
        }
        if (((value >> i) & 1) != 0) {
          bytes[count / 8] |= (byte) (1 << (count % 8));
        }
        count++;
      }
    }

    byte[] toBytes() {
      return Arrays.copyOf(bytes, (count + 7) / 8);
    }
  }
}
