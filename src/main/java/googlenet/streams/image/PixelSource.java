package googlenet.streams.image;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.ComponentSampleModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferUShort;
import java.awt.image.Raster;

/**
 * 8-bit RGB samples of a decoded image, addressed as {@code data[offset + y * rowStride + x *
 * pixelStride + channel]}, where {@code red}, {@code green}, {@code blue} are channel offsets (all
 * 0 for grey). Interleaved 8-bit rasters are used in place; anything else is converted.
 *
 * <p>Conversion rules, matching PIL's {@code convert('RGB')}: alpha is ignored (colours are not
 * composited over any background); grey is replicated to R, G and B without gamma conversion;
 * 16-bit samples keep their high byte; palettes are looked up.
 */
record PixelSource(
    byte[] data,
    int width,
    int height,
    int offset,
    int pixelStride,
    int rowStride,
    int red,
    int green,
    int blue) {

  static PixelSource of(BufferedImage image) {
    Raster raster = image.getRaster();
    if (raster.getSampleModelTranslateX() == 0
        && raster.getSampleModelTranslateY() == 0
        && raster.getSampleModel() instanceof ComponentSampleModel
        && image.getColorModel() instanceof ComponentColorModel) {
      DataBuffer buffer = raster.getDataBuffer();
      if (buffer.getNumBanks() == 1 && buffer instanceof DataBufferByte bytes) {
        return components(image, bytes.getData(), buffer.getOffset());
      }
      if (buffer.getNumBanks() == 1 && buffer instanceof DataBufferUShort shorts) {
        return components(image, highBytes(shorts), 0);
      }
    }
    return packed(image);
  }

  private static PixelSource components(BufferedImage image, byte[] data, int offset) {
    ComponentSampleModel sm = (ComponentSampleModel) image.getRaster().getSampleModel();
    int[] bands = sm.getBandOffsets();
    int type = image.getColorModel().getColorSpace().getType();
    boolean grey = type == ColorSpace.TYPE_GRAY;
    if (!grey && (type != ColorSpace.TYPE_RGB || bands.length < 3)) {
      return packed(image);
    }
    int g = grey ? bands[0] : bands[1];
    int b = grey ? bands[0] : bands[2];
    return new PixelSource(
        data,
        image.getWidth(),
        image.getHeight(),
        offset,
        sm.getPixelStride(),
        sm.getScanlineStride(),
        bands[0],
        g,
        b);
  }

  private static byte[] highBytes(DataBufferUShort shorts) {
    short[] in = shorts.getData();
    byte[] out = new byte[in.length];
    int start = shorts.getOffset();
    for (int i = start; i < in.length; i++) {
      out[i - start] = (byte) (in[i] >>> 8);
    }
    return out;
  }

  /** Any other layout (palette, packed ints, bit-packed, CMYK): via the colour model, once. */
  private static PixelSource packed(BufferedImage image) {
    int w = image.getWidth();
    int h = image.getHeight();
    byte[] rgb = new byte[w * h * 3];
    int[] row = new int[w];
    for (int y = 0; y < h; y++) {
      image.getRGB(0, y, w, 1, row, 0, w);
      int o = y * w * 3;
      for (int x = 0; x < w; x++) {
        int p = row[x];
        rgb[o++] = (byte) (p >> 16);
        rgb[o++] = (byte) (p >> 8);
        rgb[o++] = (byte) p;
      }
    }
    return new PixelSource(rgb, w, h, 0, 3, w * 3, 0, 1, 2);
  }
}
