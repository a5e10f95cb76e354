package googlenet.streams.image;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Deterministic generated pictures for demos, benchmarks and tests: a gradient sky, overlapping
 * shaded shapes and sensor-like noise, so JPEG sizes are realistic (a 640x480 JPEG at quality 0.9
 * is roughly 50-100 KB). The same arguments always give the same bytes within one JVM version.
 */
public final class SampleImages {
  /** JPEG quality used by {@link #jpeg(int, int, long)}. */
  public static final float JPEG_QUALITY = 0.9f;

  private SampleImages() {}

  /** A baseline JPEG (quality 0.9, 4:2:0) of the generated picture. */
  public static byte[] jpeg(int width, int height, long seed) {
    return encodeJpeg(picture(width, height, seed), JPEG_QUALITY, false);
  }

  /** An 8-bit RGB PNG of the generated picture. */
  public static byte[] png(int width, int height, long seed) {
    return encode(picture(width, height, seed), "png");
  }

  /** Inputs every preprocessor must reject, each with its expected reason. */
  public static List<BrokenImage> broken() {
    byte[] jpeg = jpeg(64, 48, 7);
    byte[] random = new byte[1024];
    new Random(42).nextBytes(random);
    random[0] = 0; // no supported format starts with 0x00
    return List.of(
        new BrokenImage("empty", new byte[0], RejectReason.EMPTY),
        new BrokenImage("random-bytes", random, RejectReason.UNSUPPORTED_FORMAT),
        new BrokenImage(
            "text-file",
            "id,label\n1,tabby cat\n2,goldfish\n".getBytes(StandardCharsets.US_ASCII),
            RejectReason.UNSUPPORTED_FORMAT),
        new BrokenImage(
            "truncated-jpeg", Arrays.copyOf(jpeg, jpeg.length / 2), RejectReason.CORRUPT),
        new BrokenImage("header-only-png", CraftedHeaders.png(32, 32), RejectReason.CORRUPT),
        new BrokenImage(
            "png-bomb", CraftedHeaders.png(100_000, 100_000), RejectReason.TOO_MANY_PIXELS),
        new BrokenImage(
            "jpeg-bomb", CraftedHeaders.jpeg(60_000, 60_000), RejectReason.TOO_MANY_PIXELS),
        new BrokenImage(
            "gif-bomb", CraftedHeaders.gif(65_535, 65_535), RejectReason.TOO_MANY_PIXELS),
        new BrokenImage(
            "bmp-bomb", CraftedHeaders.bmp(100_000, -100_000), RejectReason.TOO_MANY_PIXELS),
        new BrokenImage(
            "webp-bomb", CraftedHeaders.webp(16_384, 16_384), RejectReason.TOO_MANY_PIXELS),
        new BrokenImage(
            "zero-width-png", CraftedHeaders.png(0, 32), RejectReason.INVALID_DIMENSIONS),
        new BrokenImage(
            "scan-bomb-jpeg",
            CraftedHeaders.progressiveJpegWithScans(JpegScanCounter.MAX_SCANS + 50),
            RejectReason.TOO_MANY_SCANS));
  }

  /** The generated picture itself, as a {@code TYPE_3BYTE_BGR} image. */
  public static BufferedImage picture(int width, int height, long seed) {
    Random random = new Random(seed);
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
    Graphics2D g = image.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setPaint(new GradientPaint(0, 0, color(random), 0, height, color(random)));
      g.fillRect(0, 0, width, height);
      for (int i = 0; i < 24; i++) {
        drawShape(g, random, width, height);
      }
    } finally {
      g.dispose();
    }
    addNoise(image, random);
    return image;
  }

  private static void drawShape(Graphics2D g, Random random, int width, int height) {
    int w = 1 + random.nextInt(Math.max(1, width / 2));
    int h = 1 + random.nextInt(Math.max(1, height / 2));
    int x = random.nextInt(Math.max(1, width)) - w / 4;
    int y = random.nextInt(Math.max(1, height)) - h / 4;
    g.setPaint(new GradientPaint(x, y, color(random), x + w, y + h, color(random)));
    switch (random.nextInt(3)) {
      case 0:
        g.fillOval(x, y, w, h);
        break;
      case 1:
        g.fillRoundRect(x, y, w, h, w / 3, h / 3);
        break;
      default:
        g.fillPolygon(new int[] {x, x + w, x + random.nextInt(w)}, new int[] {y + h, y + h, y}, 3);
    }
  }

  private static void addNoise(BufferedImage image, Random random) {
    byte[] data = ((java.awt.image.DataBufferByte) image.getRaster().getDataBuffer()).getData();
    for (int i = 0; i < data.length; i++) {
      int v = (data[i] & 0xFF) + (int) Math.round(random.nextGaussian() * 5);
      data[i] = (byte) Math.max(0, Math.min(255, v));
    }
  }

  private static Color color(Random random) {
    return new Color(random.nextInt(256), random.nextInt(256), random.nextInt(256));
  }

  /** Encodes with ImageIO's first JPEG writer; {@code progressive} selects progressive mode. */
  static byte[] encodeJpeg(BufferedImage image, float quality, boolean progressive) {
    ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
      ImageWriteParam param = writer.getDefaultWriteParam();
      param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
      param.setCompressionQuality(quality);
      if (progressive) {
        param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
      }
      writer.setOutput(out);
      writer.write(null, new IIOImage(image, null, null), param);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode a generated JPEG", e);
    } finally {
      writer.dispose();
    }
    return bytes.toByteArray();
  }

  /** Encodes with ImageIO's writer for {@code format} (png, bmp, gif). */
  static byte[] encode(BufferedImage image, String format) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try {
      if (!ImageIO.write(image, format, bytes)) {
        throw new IllegalStateException("no ImageIO writer for " + format);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode a generated " + format, e);
    }
    return bytes.toByteArray();
  }
}
