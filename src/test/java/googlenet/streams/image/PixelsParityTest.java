package googlenet.streams.image;

import static org.assertj.core.api.Assertions.assertThat;

import googlenet.streams.tools.fixtures.SampleImages;
import java.nio.ByteBuffer;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The uint8 pixels a fused model takes are the Java preprocessing's resize, rounded: normalised the
 * caffe-bgr way, they are within half a grey level of {@link ImagePreprocessor#preprocessInto}'s
 * floats on every photograph variant (sizes, subsampled decoding, EXIF orientations, CMYK).
 */
class PixelsParityTest {
  private static final int S = ImagePreprocessor.SIZE;

  @Test
  void shouldMatchTheFloatPreprocessingWithinRoundingOnPhotographs() throws Exception {
    ImagePreprocessor p = new ImagePreprocessor(PreprocessProfile.CAFFE_BGR, ImageLimits.DEFAULT);
    float[] mean = PreprocessProfile.CAFFE_BGR.mean();
    int[] source = PreprocessProfile.CAFFE_BGR.sourceChannels();

    for (Map.Entry<String, byte[]> photo : PhotoJpegs.variants().entrySet()) {
      float[] floats = p.preprocess(photo.getValue());
      ByteBuffer pixels = ByteBuffer.allocate(S * S * 3 + 5);
      p.pixelsInto(photo.getValue(), pixels, 5, S, S);

      double worst = 0;
      for (int c = 0; c < 3; c++) {
        for (int i = 0; i < S * S; i++) {
          int value = pixels.get(5 + i * 3 + source[c]) & 0xFF;
          worst = Math.max(worst, Math.abs(value - mean[c] - floats[c * S * S + i]));
        }
      }
      assertThat(worst).as(photo.getKey()).isLessThanOrEqualTo(0.5 + 1e-3);
      assertThat(pixels.position()).isZero();
    }
  }

  @Test
  void shouldKeepAFlatColourAtAnySize() throws Exception {
    ImagePreprocessor p = new ImagePreprocessor(PreprocessProfile.CAFFE_BGR, ImageLimits.DEFAULT);
    byte[] png = SampleImages.encode(TestPictures.solid(300, 200, TestPictures.GREEN), "png");
    ByteBuffer pixels = ByteBuffer.allocate(256 * 192 * 3);

    p.pixelsInto(png, pixels, 0, 192, 256);

    for (int i = 0; i < 256 * 192; i++) {
      assertThat(
              new int[] {
                pixels.get(3 * i) & 0xFF, pixels.get(3 * i + 1) & 0xFF, pixels.get(3 * i + 2) & 0xFF
              })
          .containsExactly(0, 255, 0);
    }
  }
}
