package googlenet.streams.image;

import static org.assertj.core.api.Assertions.assertThat;

import googlenet.streams.tools.fixtures.SampleImages;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

/**
 * A stored 64x32 picture, left half red and right half blue, tagged with an EXIF orientation: the
 * tensor shows it as displayed.
 */
class ExifOrientationTest {
  private static final int S = ImagePreprocessor.SIZE;
  private static final int N = S * S;
  private final ImagePreprocessor caffe =
      new ImagePreprocessor(PreprocessProfile.CAFFE_BGR, ImageLimits.DEFAULT);

  private static byte[] redLeftBlueRight(int orientation) {
    BufferedImage image = TestPictures.solid(64, 32, TestPictures.RED);
    TestPictures.fill(image, 32, 0, 32, 32, TestPictures.BLUE);
    byte[] jpeg = SampleImages.encodeJpeg(image, 0.95f, false);
    return TestPictures.insertAfterSoi(jpeg, TestPictures.exifOrientation(orientation));
  }

  private boolean redAt(int orientation, int x, int y) throws Exception {
    float[] t = caffe.preprocess(redLeftBlueRight(orientation));
    float red = t[2 * N + y * S + x] + 123.68f;
    float blue = t[y * S + x] + 103.939f;
    assertThat(Math.abs(red - blue)).as("a clearly red or blue pixel").isGreaterThan(150);
    return red > blue;
  }

  @Test
  void shouldReadOrientationFromExifSegment() throws Exception {
    assertThat(ImageInspector.inspect(redLeftBlueRight(6), ImageLimits.DEFAULT).orientation())
        .isEqualTo(6);
  }

  @Test
  void shouldKeepStoredLayoutWhenOrientationIsOne() throws Exception {
    assertThat(redAt(1, 20, 112)).isTrue();
    assertThat(redAt(1, 200, 112)).isFalse();
  }

  /** 6: displayed = stored turned 90 degrees clockwise, so the left half ends up on top. */
  @Test
  void shouldRotateClockwiseForOrientationSix() throws Exception {
    assertThat(redAt(6, 112, 20)).isTrue();
    assertThat(redAt(6, 112, 200)).isFalse();
  }

  /** 8: turned 90 degrees counter-clockwise, so the left half ends up at the bottom. */
  @Test
  void shouldRotateCounterClockwiseForOrientationEight() throws Exception {
    assertThat(redAt(8, 112, 20)).isFalse();
    assertThat(redAt(8, 112, 200)).isTrue();
  }

  @Test
  void shouldMirrorForOrientationsTwoAndThree() throws Exception {
    assertThat(redAt(2, 20, 112)).isFalse();
    assertThat(redAt(3, 200, 112)).isTrue();
  }

  /** 2000x1000 stored, 1000x2000 displayed: subsampled by 2 for caffe-bgr, along swapped axes. */
  @Test
  void shouldRotateLargeSubsampledImage() throws Exception {
    BufferedImage image = TestPictures.solid(2000, 1000, TestPictures.RED);
    TestPictures.fill(image, 1000, 0, 1000, 1000, TestPictures.BLUE);
    byte[] jpeg =
        TestPictures.insertAfterSoi(
            SampleImages.encodeJpeg(image, 0.95f, false), TestPictures.exifOrientation(6));
    assertThat(Geometry.of(PreprocessProfile.CAFFE_BGR, 1000, 2000).subsampling(1000, 2000))
        .isEqualTo(2);
    float[] t = caffe.preprocess(jpeg);
    for (int x : new int[] {0, 112, 223}) {
      assertThat(t[2 * N + 10 * S + x] - t[10 * S + x])
          .as("red minus blue, top")
          .isGreaterThan(200);
      assertThat(t[2 * N + 213 * S + x] - t[213 * S + x])
          .as("red minus blue, bottom")
          .isLessThan(-200);
    }
  }

  @Test
  void shouldIgnoreUnknownOrientationValue() throws Exception {
    assertThat(ImageInspector.inspect(redLeftBlueRight(9), ImageLimits.DEFAULT).orientation())
        .isEqualTo(1);
  }
}
