package googlenet.streams.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import googlenet.streams.tools.fixtures.SampleImages;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The per-thread reader and destination image never carry one image into the next. */
class DecoderReuseTest {
  private static float[] fresh(byte[] encoded) throws ImageRejectedException {
    return new ImagePreprocessor(PreprocessProfile.CAFFE_BGR, ImageLimits.DEFAULT)
        .preprocess(encoded);
  }

  @Test
  void shouldGiveFreshResultsForAlternatingSameSizeJpegs() throws Exception {
    byte[] a = SampleImages.jpeg(320, 240, 1);
    byte[] b = SampleImages.jpeg(320, 240, 2);
    float[] expectedA = fresh(a);
    float[] expectedB = fresh(b);
    assertThat(expectedA).isNotEqualTo(expectedB);
    ImagePreprocessor p = new ImagePreprocessor(PreprocessProfile.CAFFE_BGR, ImageLimits.DEFAULT);
    for (int i = 0; i < 3; i++) {
      assertThat(p.preprocess(a)).isEqualTo(expectedA);
      assertThat(p.preprocess(b)).isEqualTo(expectedB);
    }
  }

  @Test
  void shouldDecodeGreyAfterColourAndAfterARejectionOfTheSameSize() throws Exception {
    BufferedImage grey = new BufferedImage(320, 240, BufferedImage.TYPE_BYTE_GRAY);
    TestPictures.fill(grey, 0, 0, 320, 240, new Color(90, 90, 90));
    byte[] greyJpeg = SampleImages.encodeJpeg(grey, 0.95f, false);
    byte[] colour = SampleImages.jpeg(320, 240, 3);
    byte[] truncated = Arrays.copyOf(colour, colour.length / 2);
    float[] expectedGrey = fresh(greyJpeg);
    float[] expectedColour = fresh(colour);
    ImagePreprocessor p = new ImagePreprocessor(PreprocessProfile.CAFFE_BGR, ImageLimits.DEFAULT);
    assertThat(p.preprocess(colour)).isEqualTo(expectedColour);
    assertThat(p.preprocess(greyJpeg)).isEqualTo(expectedGrey);
    assertThat(p.preprocess(colour)).isEqualTo(expectedColour);
    assertThat(catchThrowableOfType(() -> p.preprocess(truncated), ImageRejectedException.class))
        .extracting(ImageRejectedException::reason)
        .isEqualTo(RejectReason.CORRUPT);
    assertThat(p.preprocess(colour)).isEqualTo(expectedColour);
    assertThat(p.preprocess(TestPictures.cmykJpeg(320, 240)))
        .isEqualTo(fresh(TestPictures.cmykJpeg(320, 240)));
    assertThat(p.preprocess(colour)).isEqualTo(expectedColour);
  }
}
