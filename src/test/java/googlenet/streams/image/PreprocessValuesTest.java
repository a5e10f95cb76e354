package googlenet.streams.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import googlenet.streams.tools.fixtures.SampleImages;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import org.junit.jupiter.api.Test;

class PreprocessValuesTest {
  private static final int N = ImagePreprocessor.SIZE * ImagePreprocessor.SIZE;
  private static final int S = ImagePreprocessor.SIZE;
  private static final float[] TORCH_MEAN = {0.485f, 0.456f, 0.406f};
  private static final float[] TORCH_STD = {0.229f, 0.224f, 0.225f};

  private static float[] caffe(BufferedImage image) throws ImageRejectedException {
    return new ImagePreprocessor(PreprocessProfile.CAFFE_BGR, ImageLimits.DEFAULT)
        .preprocess(SampleImages.encode(image, "png"));
  }

  private static float[] torch(BufferedImage image) throws ImageRejectedException {
    return new ImagePreprocessor(PreprocessProfile.TORCHVISION_RGB, ImageLimits.DEFAULT)
        .preprocess(SampleImages.encode(image, "png"));
  }

  private static float torchValue(int value, int channel) {
    return (value / 255f - TORCH_MEAN[channel]) / TORCH_STD[channel];
  }

  @Test
  void shouldWriteSolidColourMinusCaffeMeansInBgrOrder() throws Exception {
    float[] t = caffe(TestPictures.solid(100, 60, new Color(200, 100, 50)));
    for (int i = 0; i < N; i++) {
      assertThat(t[i]).isEqualTo(50f - 103.939f);
      assertThat(t[N + i]).isEqualTo(100f - 116.779f);
      assertThat(t[2 * N + i]).isEqualTo(200f - 123.68f);
    }
  }

  @Test
  void shouldNormaliseSolidColourWithTorchvisionMeanAndStdInRgbOrder() throws Exception {
    float[] t = torch(TestPictures.solid(300, 260, new Color(200, 100, 50)));
    for (int i = 0; i < N; i++) {
      assertThat(t[i]).isCloseTo(torchValue(200, 0), within(1e-5f));
      assertThat(t[N + i]).isCloseTo(torchValue(100, 1), within(1e-5f));
      assertThat(t[2 * N + i]).isCloseTo(torchValue(50, 2), within(1e-5f));
    }
  }

  /** 448 -> 224 is exactly 2:1, so every output pixel blends two pixels of one quadrant. */
  @Test
  void shouldKeepQuadrantsInPlaceAndChannelsInBgrOrder() throws Exception {
    float[] t = caffe(TestPictures.quadrants(448, 448, BufferedImage.TYPE_3BYTE_BGR));
    for (int y = 0; y < S; y++) {
      for (int x = 0; x < S; x++) {
        int i = y * S + x;
        Color expected =
            y < 112
                ? (x < 112 ? TestPictures.RED : TestPictures.GREEN)
                : (x < 112 ? TestPictures.BLUE : TestPictures.WHITE);
        assertThat(t[i]).isEqualTo(expected.getBlue() - 103.939f);
        assertThat(t[N + i]).isEqualTo(expected.getGreen() - 116.779f);
        assertThat(t[2 * N + i]).isEqualTo(expected.getRed() - 123.68f);
      }
    }
  }

  /** A black and a white pixel stretched to 224: OpenCV's half-pixel-centre ramp. */
  @Test
  void shouldInterpolateWithHalfPixelCentresAndClampedEdges() throws Exception {
    BufferedImage image = TestPictures.solid(2, 1, Color.BLACK);
    image.setRGB(1, 0, Color.WHITE.getRGB());
    float[] t = caffe(image);
    for (int x = 0; x < S; x++) {
      double u = Math.min(1, Math.max(0, (x + 0.5) * 2 / 224 - 0.5));
      for (int y : new int[] {0, 100, 223}) {
        assertThat(t[2 * N + y * S + x] + 123.68).isCloseTo(255 * u, within(0.13));
      }
    }
    assertThat(t[2 * N]).isEqualTo(-123.68f);
    assertThat(t[2 * N + S - 1]).isEqualTo(255 - 123.68f);
  }

  /** 512x256: shorter side is already 256, so the crop is a pure shift by (144, 16). */
  @Test
  void shouldCentreCropLandscapeForTorchvision() throws Exception {
    float[] t = torch(ramps(512, 256));
    for (int y = 0; y < S; y += 7) {
      for (int x = 0; x < S; x += 5) {
        int i = y * S + x;
        assertThat(t[i]).isCloseTo(torchValue((x + 144) % 256, 0), within(1e-4f));
        assertThat(t[N + i]).isCloseTo(torchValue(y + 16, 1), within(1e-4f));
        assertThat(t[2 * N + i]).isCloseTo(torchValue(77, 2), within(1e-4f));
      }
    }
  }

  /** 256x341: crop top is round(58.5), which Python (and torchvision) round half to even: 58. */
  @Test
  void shouldRoundCropOffsetHalfToEvenLikeTorchvision() throws Exception {
    float[] t = torch(ramps(256, 341));
    assertThat(t[0]).isCloseTo(torchValue(16, 0), within(1e-4f));
    assertThat(t[N]).isCloseTo(torchValue(58, 1), within(1e-4f));
    assertThat(t[N + (S - 1) * S]).isCloseTo(torchValue((58 + 223) % 256, 1), within(1e-4f));
  }

  /** 1024x512 halves to 512x256 before the crop: samples fall between two source columns. */
  @Test
  void shouldResizeShorterSideTo256BeforeCropping() throws Exception {
    float[] t = torch(ramps(1024, 512));
    // output x maps to resized column x + 144, source column 2 * (x + 144) + 0.5
    int x = 10;
    double source = 2 * (x + 144) + 0.5;
    double red = ((int) source % 256 + (int) (source + 1) % 256) / 2.0;
    assertThat(t[x]).isCloseTo((float) ((red / 255 - 0.485) / 0.229), within(1e-3f));
  }

  @Test
  void shouldWriteAtTheSlotWithoutTouchingOtherSlotsOrPosition() throws Exception {
    FloatBuffer batch =
        ByteBuffer.allocateDirect(4 * 3 * ImagePreprocessor.TENSOR_FLOATS)
            .order(ByteOrder.nativeOrder())
            .asFloatBuffer();
    for (int i = 0; i < batch.capacity(); i++) {
      batch.put(i, -999f);
    }
    ImagePreprocessor p = new ImagePreprocessor(PreprocessProfile.CAFFE_BGR, ImageLimits.DEFAULT);
    byte[] png = SampleImages.encode(TestPictures.solid(10, 10, new Color(1, 2, 3)), "png");
    p.preprocessInto(png, batch, 1);
    int f = ImagePreprocessor.TENSOR_FLOATS;
    assertThat(batch.position()).isZero();
    assertThat(batch.get(f - 1)).isEqualTo(-999f);
    assertThat(batch.get(f)).isEqualTo(3 - 103.939f);
    assertThat(batch.get(2 * f - 1)).isEqualTo(1 - 123.68f);
    assertThat(batch.get(2 * f)).isEqualTo(-999f);
  }

  /** Red = x mod 256, green = y mod 256, blue = 77. */
  private static BufferedImage ramps(int width, int height) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
    WritableRaster raster = image.getRaster();
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        raster.setPixel(x, y, new int[] {x % 256, y % 256, 77});
      }
    }
    return image;
  }
}
