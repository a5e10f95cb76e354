package googlenet.streams.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import googlenet.streams.tools.fixtures.SampleImages;
import java.awt.image.BufferedImage;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LargeAndConcurrentTest {
  private static final int S = ImagePreprocessor.SIZE;
  private static final int N = S * S;

  @Test
  void shouldSubsampleOnlySourcesAtLeastFourTimesTheResizedSize() {
    assertThat(subsampling(PreprocessProfile.CAFFE_BGR, 640, 480)).isEqualTo(1);
    assertThat(subsampling(PreprocessProfile.CAFFE_BGR, 1280, 960)).isEqualTo(2);
    assertThat(subsampling(PreprocessProfile.CAFFE_BGR, 4000, 3000)).isEqualTo(4);
    assertThat(subsampling(PreprocessProfile.TORCHVISION_RGB, 640, 480)).isEqualTo(1);
    assertThat(subsampling(PreprocessProfile.TORCHVISION_RGB, 4000, 3000)).isEqualTo(4);
  }

  private static int subsampling(PreprocessProfile profile, int width, int height) {
    return Geometry.of(profile, width, height).subsampling(width, height);
  }

  @Test
  void shouldKeepQuadrantsExactWhenDecodingLargeImageSubsampled() throws Exception {
    byte[] png =
        SampleImages.encode(
            TestPictures.quadrants(1792, 1792, BufferedImage.TYPE_3BYTE_BGR), "png");
    float[] t =
        new ImagePreprocessor(PreprocessProfile.CAFFE_BGR, ImageLimits.DEFAULT).preprocess(png);
    assertThat(t[2 * N + 111]).as("red at (111, 0)").isEqualTo(255 - 123.68f);
    assertThat(t[N + 112]).as("green at (112, 0)").isEqualTo(255 - 116.779f);
    assertThat(t[112 * S]).as("blue at (0, 112)").isEqualTo(255 - 103.939f);
    assertThat(t[2 * N + 111 * S + 111]).isEqualTo(255 - 123.68f);
  }

  @Test
  void shouldStayCloseToFullDecodeWhenSubsampling() throws Exception {
    byte[] jpeg = SampleImages.jpeg(1920, 1440, 4);
    for (PreprocessProfile profile : PreprocessProfile.values()) {
      float[] fast = new ImagePreprocessor(profile, ImageLimits.DEFAULT).preprocess(jpeg);
      float[] full = fullDecode(jpeg, profile);
      double sum = 0;
      for (int i = 0; i < fast.length; i++) {
        sum += Math.abs(fast[i] - full[i]);
      }
      double scale = profile == PreprocessProfile.CAFFE_BGR ? 1 : 255 * 0.226;
      assertThat(sum * scale / fast.length)
          .as("mean |difference| on the 0-255 scale")
          .isLessThan(4);
      assertThat(sum).isPositive(); // it did subsample
    }
  }

  private static float[] fullDecode(byte[] jpeg, PreprocessProfile profile) throws Exception {
    ImageHeader header = ImageInspector.inspect(jpeg, ImageLimits.DEFAULT);
    BufferedImage image = new ImageDecoder().decode(jpeg, header, 1);
    Geometry geometry = Geometry.of(profile, image.getWidth(), image.getHeight());
    FloatBuffer out = FloatBuffer.allocate(ImagePreprocessor.TENSOR_FLOATS);
    Resampler.write(PixelSource.of(image), header, geometry, 1, profile, out, 0);
    return out.array();
  }

  @Test
  void shouldGiveTheSameTensorsFromManyThreadsAsFromOne() throws Exception {
    ImagePreprocessor shared =
        new ImagePreprocessor(PreprocessProfile.TORCHVISION_RGB, ImageLimits.DEFAULT);
    List<byte[]> inputs = new ArrayList<>();
    List<float[]> expected = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      byte[] jpeg = SampleImages.jpeg(200 + 10 * i, 150, i);
      inputs.add(jpeg);
      expected.add(shared.preprocess(jpeg));
    }
    inputs.add(SampleImages.broken().get(3).bytes()); // a truncated JPEG between good ones
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Integer>> results = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        results.add(pool.submit(() -> checkAll(shared, inputs, expected)));
      }
      for (Future<Integer> result : results) {
        assertThat(result.get(60, TimeUnit.SECONDS)).isEqualTo(10 * expected.size());
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static int checkAll(ImagePreprocessor p, List<byte[]> inputs, List<float[]> expected)
      throws ImageRejectedException {
    int matches = 0;
    for (int round = 0; round < 10; round++) {
      for (int i = 0; i < inputs.size(); i++) {
        if (i == expected.size()) {
          try {
            p.preprocess(inputs.get(i));
          } catch (ImageRejectedException e) {
            continue;
          }
          throw new AssertionError("truncated JPEG was accepted");
        }
        float[] actual = p.preprocess(inputs.get(i));
        assertThat(actual[12345]).isCloseTo(expected.get(i)[12345], within(0f));
        if (java.util.Arrays.equals(actual, expected.get(i))) {
          matches++;
        }
      }
    }
    return matches;
  }
}
