package googlenet.streams.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;

import googlenet.streams.tools.fixtures.SampleImages;
import java.awt.Color;
import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.WritableRaster;
import org.junit.jupiter.api.Test;

/** Every supported format and variant decodes to the pixels it was written with. */
class FormatDecodingTest {
  private static final int S = ImagePreprocessor.SIZE;
  private static final int N = S * S;
  private static final Color[] QUADRANTS = {
    TestPictures.RED, TestPictures.GREEN, TestPictures.BLUE, TestPictures.WHITE
  };
  private final ImagePreprocessor caffe =
      new ImagePreprocessor(PreprocessProfile.CAFFE_BGR, ImageLimits.DEFAULT);

  /** RGB at output pixel (x, y), undoing the caffe means. */
  private static double[] rgbAt(float[] t, int x, int y) {
    int i = y * S + x;
    return new double[] {t[2 * N + i] + 123.68, t[N + i] + 116.779, t[i] + 103.939};
  }

  /** Checks the centre of each quadrant against red, green, blue, white. */
  private void assertQuadrants(byte[] encoded, double tolerance) throws Exception {
    float[] t = caffe.preprocess(encoded);
    int[][] centres = {{56, 56}, {168, 56}, {56, 168}, {168, 168}};
    for (int q = 0; q < 4; q++) {
      assertRgb(rgbAt(t, centres[q][0], centres[q][1]), QUADRANTS[q], tolerance);
    }
  }

  private static void assertRgb(double[] rgb, Color expected, double tolerance) {
    assertThat(rgb[0]).as("red").isCloseTo(expected.getRed(), within(tolerance));
    assertThat(rgb[1]).as("green").isCloseTo(expected.getGreen(), within(tolerance));
    assertThat(rgb[2]).as("blue").isCloseTo(expected.getBlue(), within(tolerance));
  }

  private static BufferedImage quadrants() {
    return TestPictures.quadrants(64, 48, BufferedImage.TYPE_3BYTE_BGR);
  }

  @Test
  void shouldDecodeBaselineJpeg() throws Exception {
    byte[] jpeg = SampleImages.encodeJpeg(quadrants(), 0.95f, false);
    assertThat(indexOf(jpeg, 0xC0)).isPositive();
    assertQuadrants(jpeg, 12);
  }

  @Test
  void shouldDecodeProgressiveJpeg() throws Exception {
    byte[] jpeg = SampleImages.encodeJpeg(quadrants(), 0.95f, true);
    assertThat(indexOf(jpeg, 0xC2)).as("SOF2 marker").isPositive();
    assertQuadrants(jpeg, 12);
  }

  /** Grey is replicated without gamma conversion: 60 stays 60 (sRGB conversion would give ~137). */
  @Test
  void shouldDecodeGreyJpegWithoutGammaConversion() throws Exception {
    BufferedImage grey = new BufferedImage(64, 48, BufferedImage.TYPE_BYTE_GRAY);
    TestPictures.fill(grey, 0, 0, 32, 48, new Color(60, 60, 60));
    TestPictures.fill(grey, 32, 0, 32, 48, new Color(200, 200, 200));
    float[] t = caffe.preprocess(SampleImages.encodeJpeg(grey, 0.95f, false));
    assertRgb(rgbAt(t, 50, 100), new Color(60, 60, 60), 3);
    assertRgb(rgbAt(t, 170, 100), new Color(200, 200, 200), 3);
  }

  @Test
  void shouldDecodeAdobeCmykJpegThroughTwelveMonkeys() throws Exception {
    byte[] cmyk = TestPictures.cmykJpeg(64, 48);
    float[] t = caffe.preprocess(cmyk);
    double[] left = rgbAt(t, 50, 100);
    double[] right = rgbAt(t, 170, 100);
    assertThat(left[0]).as("left red").isGreaterThan(180);
    assertThat(left[1]).as("left green").isLessThan(90);
    assertThat(left[2]).as("left blue").isLessThan(90);
    assertThat(right[2]).as("right blue").isGreaterThan(120);
    assertThat(right[0]).as("right red").isLessThan(90);
  }

  @Test
  void shouldDecodeEightBitRgbPngExactly() throws Exception {
    assertQuadrants(SampleImages.encode(quadrants(), "png"), 1e-3);
  }

  @Test
  void shouldDecodeSixteenBitGreyPngKeepingTheHighByte() throws Exception {
    BufferedImage grey = new BufferedImage(64, 48, BufferedImage.TYPE_USHORT_GRAY);
    WritableRaster raster = grey.getRaster();
    for (int y = 0; y < 48; y++) {
      for (int x = 0; x < 64; x++) {
        raster.setSample(x, y, 0, x < 32 ? 0x3CFF : 0xC801);
      }
    }
    float[] t = caffe.preprocess(SampleImages.encode(grey, "png"));
    assertRgb(rgbAt(t, 50, 100), new Color(0x3C, 0x3C, 0x3C), 1e-3);
    assertRgb(rgbAt(t, 170, 100), new Color(0xC8, 0xC8, 0xC8), 1e-3);
  }

  @Test
  void shouldDecodeSixteenBitRgbPngKeepingTheHighByte() throws Exception {
    ComponentColorModel model =
        new ComponentColorModel(
            ColorSpace.getInstance(ColorSpace.CS_sRGB),
            false,
            false,
            Transparency.OPAQUE,
            DataBuffer.TYPE_USHORT);
    WritableRaster raster = model.createCompatibleWritableRaster(64, 48);
    for (int y = 0; y < 48; y++) {
      for (int x = 0; x < 64; x++) {
        raster.setPixel(x, y, new int[] {0xFF00 | x, 0x8000 | y, 0x10FF});
      }
    }
    BufferedImage image = new BufferedImage(model, raster, false, null);
    float[] t = caffe.preprocess(SampleImages.encode(image, "png"));
    assertRgb(rgbAt(t, 112, 112), new Color(0xFF, 0x80, 0x10), 1e-3);
  }

  @Test
  void shouldDecodePalettePng() throws Exception {
    assertQuadrants(SampleImages.encode(TestPictures.paletteQuadrants(64, 48), "png"), 1e-3);
  }

  /** Alpha is dropped like PIL's convert('RGB'): stored colours are kept, even when transparent. */
  @Test
  void shouldIgnoreAlphaOfRgbaPng() throws Exception {
    BufferedImage rgba = new BufferedImage(64, 48, BufferedImage.TYPE_INT_ARGB);
    for (int y = 0; y < 48; y++) {
      for (int x = 0; x < 64; x++) {
        rgba.setRGB(x, y, x < 32 ? 0x80C83214 : 0x000A64C8);
      }
    }
    float[] t = caffe.preprocess(SampleImages.encode(rgba, "png"));
    assertRgb(rgbAt(t, 50, 100), new Color(200, 50, 20), 1e-3);
    assertRgb(rgbAt(t, 170, 100), new Color(10, 100, 200), 1e-3);
  }

  @Test
  void shouldDecodeBmp() throws Exception {
    byte[] bmp = SampleImages.encode(quadrants(), "bmp");
    assertThat(ImageFormat.sniff(bmp)).contains(ImageFormat.BMP);
    assertQuadrants(bmp, 1e-3);
  }

  @Test
  void shouldDecodeGif() throws Exception {
    BufferedImage indexed = TestPictures.paletteQuadrants(64, 48);
    byte[] gif = SampleImages.encode(indexed, "gif");
    assertThat(ImageFormat.sniff(gif)).contains(ImageFormat.GIF);
    assertQuadrants(gif, 1e-3);
  }

  @Test
  void shouldDecodeOnlyTheFirstFrameOfAnimatedGif() throws Exception {
    BufferedImage second = TestPictures.paletteQuadrants(64, 48);
    BufferedImage first = TestPictures.paletteQuadrants(64, 48);
    first.getRaster().setSamples(0, 0, 64, 48, 0, new int[64 * 48]); // all red
    byte[] gif = TestPictures.animatedGif(first, second);
    float[] t = caffe.preprocess(gif);
    assertRgb(rgbAt(t, 168, 168), TestPictures.RED, 1e-3);
    assertQuadrants(TestPictures.animatedGif(second, first), 1e-3);
  }

  @Test
  void shouldDecodeHandMadeLosslessWebp() throws Exception {
    byte[] webp = TestPictures.webpLossless(40, 30, new Color(200, 100, 50));
    assertThat(ImageInspector.inspect(webp, ImageLimits.DEFAULT))
        .isEqualTo(new ImageHeader(ImageFormat.WEBP, 40, 30, 1));
    float[] t = caffe.preprocess(webp);
    assertRgb(rgbAt(t, 0, 0), new Color(200, 100, 50), 1e-3);
    assertRgb(rgbAt(t, 223, 223), new Color(200, 100, 50), 1e-3);
  }

  /** Zero-bit codes leave the bit reader at the end of the data for every pixel. */
  @Test
  void shouldDecodeLargeZeroBitWebpWithoutReadingPastTheEndPerPixel() throws Exception {
    byte[] webp = TestPictures.webpLossless(640, 480, new Color(10, 20, 30));
    float[] t = caffe.preprocess(webp);
    assertRgb(rgbAt(t, 223, 223), new Color(10, 20, 30), 1e-3);
  }

  /** Truncated pixel data: a bounded number of reads past the end, then a rejection. */
  @Test
  void shouldRejectWebpWhosePixelDataEndsEarly() {
    byte[] webp = TestPictures.webpLossless(400, 400, new Color(10, 20, 30), true);
    ImageRejectedException e =
        catchThrowableOfType(() -> caffe.preprocess(webp), ImageRejectedException.class);
    assertThat(e.reason()).isEqualTo(RejectReason.CORRUPT);
    assertThat(e.getMessage())
        .contains("read past the end " + (BoundedEofInputStream.MAX_READS_PAST_END + 1) + " times");
  }

  private static int indexOf(byte[] jpeg, int sofMarker) {
    for (int i = 0; i + 1 < jpeg.length; i++) {
      if ((jpeg[i] & 0xFF) == 0xFF && (jpeg[i + 1] & 0xFF) == sofMarker) {
        return i;
      }
    }
    return -1;
  }
}
