package googlenet.streams.image;

import googlenet.streams.tools.fixtures.Photos;
import googlenet.streams.tools.fixtures.SampleImages;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.w3c.dom.NodeList;

/** JPEGs of real photographs ({@link Photos}) in the variants cameras and encoders produce. */
final class PhotoJpegs {
  private static final String JPEG_METADATA = "javax_imageio_jpeg_image_1.0";

  private PhotoJpegs() {}

  /** Every variant by name: sizes, qualities, chroma subsampling, progressive, grey, CMYK. */
  static Map<String, byte[]> variants() {
    BufferedImage vga = Photos.picture(640, 480, 1);
    Map<String, byte[]> out = new LinkedHashMap<>();
    out.put("rocket-original-640x427", resource("rocket.jpg"));
    out.put("640x480-q90-420", SampleImages.encodeJpeg(vga, 0.9f, false));
    out.put("640x480-q75-420", SampleImages.encodeJpeg(vga, 0.75f, false));
    out.put("640x480-q90-444", encode444(vga, 0.9f));
    out.put("640x480-q75-444", encode444(vga, 0.75f));
    out.put("640x480-q90-progressive", SampleImages.encodeJpeg(vga, 0.9f, true));
    out.put("640x480-q90-grey", SampleImages.encodeJpeg(grey(vga), 0.9f, false));
    out.put("1280x960-q90-420", Photos.jpeg(1280, 960, 2, 0.9f));
    out.put("1920x1080-q90-420", Photos.jpeg(1920, 1080, 3, 0.9f));
    out.put("1920x1080-q75-progressive", encode(Photos.picture(1920, 1080, 4), 0.75f, true));
    out.put("3000x2000-q90-420", Photos.jpeg(3000, 2000, 5, 0.9f));
    out.put("641x479-q90-420", Photos.jpeg(641, 479, 6, 0.9f));
    byte[] rotated = SampleImages.encodeJpeg(Photos.picture(480, 640, 7), 0.9f, false);
    for (int orientation = 2; orientation <= 8; orientation++) {
      out.put(
          "480x640-exif-" + orientation,
          TestPictures.insertAfterSoi(rotated, TestPictures.exifOrientation(orientation)));
    }
    out.put("640x480-cmyk", cmyk(vga));
    return out;
  }

  static byte[] encode(BufferedImage image, float quality, boolean progressive) {
    return SampleImages.encodeJpeg(image, quality, progressive);
  }

  /** A baseline JPEG without chroma subsampling (every component sampled 1x1). */
  static byte[] encode444(BufferedImage image, float quality) {
    ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
      ImageWriteParam param = writer.getDefaultWriteParam();
      param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
      param.setCompressionQuality(quality);
      IIOMetadata meta =
          writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(image), param);
      IIOMetadataNode tree = (IIOMetadataNode) meta.getAsTree(JPEG_METADATA);
      NodeList components = tree.getElementsByTagName("componentSpec");
      for (int i = 0; i < components.getLength(); i++) {
        IIOMetadataNode c = (IIOMetadataNode) components.item(i);
        c.setAttribute("HsamplingFactor", "1");
        c.setAttribute("VsamplingFactor", "1");
      }
      meta.setFromTree(JPEG_METADATA, tree);
      writer.setOutput(out);
      writer.write(null, new IIOImage(image, null, meta), param);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      writer.dispose();
    }
    return bytes.toByteArray();
  }

  static BufferedImage grey(BufferedImage image) {
    BufferedImage grey =
        new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_BYTE_GRAY);
    Graphics2D g = grey.createGraphics();
    try {
      g.drawImage(image, 0, 0, null);
    } finally {
      g.dispose();
    }
    return grey;
  }

  /** An Adobe (inverted) CMYK JPEG of the photo, as {@link TestPictures#cmykJpeg} writes one. */
  static byte[] cmyk(BufferedImage image) {
    int w = image.getWidth();
    int h = image.getHeight();
    WritableRaster raster = Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, w, h, 4, null);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int rgb = image.getRGB(x, y);
        raster.setPixel(x, y, new int[] {rgb >> 16 & 0xFF, rgb >> 8 & 0xFF, rgb & 0xFF, 255});
      }
    }
    return TestPictures.cmykJpeg(raster);
  }

  private static byte[] resource(String name) {
    try (InputStream in = Photos.class.getResourceAsStream("photos/" + name)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
