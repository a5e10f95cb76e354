package googlenet.streams.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.data.Offset.offset;

import googlenet.streams.tools.fixtures.Photos;
import googlenet.streams.tools.fixtures.SampleImages;
import java.awt.Color;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A fused model's uint8 pixels from the native decoder: the same decode and sampling as the native
 * float tensor (whose parity with ImageIO {@link NativeParityTest} bounds), so on every photograph
 * variant the pixels, normalised the caffe-bgr way, are the native floats exactly; what the native
 * path declines (CMYK) comes from ImageIO, within its rounding. Written into direct and heap
 * buffers alike, at an offset, touching nothing else; broken images are refused with ImageIO's
 * reasons and messages, as on the float path.
 */
class NativePixelsTest {
  private static final int S = ImagePreprocessor.SIZE;
  private static final int START = 7;

  @BeforeAll
  static void loadLibrary() {
    assertThat(NativeLibrary.get().problem()).as("native library").isEmpty();
  }

  private static ImagePreprocessor nativePath() {
    return new ImagePreprocessor(
        PreprocessProfile.CAFFE_BGR, ImageLimits.DEFAULT, DecoderMode.NATIVE);
  }

  @Test
  void shouldBeTheNativeFloatTensorBeforeNormalisationOnPhotographs() throws Exception {
    ImagePreprocessor p = nativePath();
    float[] mean = PreprocessProfile.CAFFE_BGR.mean();
    int[] source = PreprocessProfile.CAFFE_BGR.sourceChannels();

    for (Map.Entry<String, byte[]> photo : PhotoJpegs.variants().entrySet()) {
      float[] floats = p.preprocess(photo.getValue());
      ByteBuffer pixels = ByteBuffer.allocateDirect(S * S * 3 + START);
      p.pixelsInto(photo.getValue(), pixels, START, S, S);

      double worst = 0;
      for (int c = 0; c < 3; c++) {
        for (int i = 0; i < S * S; i++) {
          int value = pixels.get(START + i * 3 + source[c]) & 0xFF;
          worst = Math.max(worst, Math.abs(value - mean[c] - floats[c * S * S + i]));
        }
      }
      boolean nativeTakes = NativeJpegDecoder.takes(JpegHeaderParser.frame(photo.getValue()));
      assertThat(worst).as(photo.getKey()).isLessThanOrEqualTo(nativeTakes ? 1e-3 : 0.5 + 1e-3);
      assertThat(pixels.position()).isZero();
    }
  }

  @Test
  void shouldDecodeNativelyNotWithImageIo() throws Exception {
    byte[] photo = Photos.jpeg(640, 480, 41, 0.9f);
    ByteBuffer natively = ByteBuffer.allocate(S * S * 3);
    ByteBuffer imageIo = ByteBuffer.allocate(S * S * 3);

    nativePath().pixelsInto(photo, natively, 0, S, S);
    new ImagePreprocessor(PreprocessProfile.CAFFE_BGR, ImageLimits.DEFAULT)
        .pixelsInto(photo, imageIo, 0, S, S);

    // DCT scaling averages 2x2 blocks where ImageIO decodes every pixel: close, not equal.
    assertThat(natively.array()).isNotEqualTo(imageIo.array());
    assertThat(meanAbsoluteDifference(natively.array(), imageIo.array())).isLessThan(3.5);
  }

  @Test
  void shouldWriteTheSameBytesIntoHeapAndDirectBuffersAndNothingAround() throws Exception {
    ImagePreprocessor p = nativePath();
    byte[] photo = Photos.jpeg(800, 600, 42, 0.9f);
    int bytes = 192 * 256 * 3;
    ByteBuffer heap = ByteBuffer.allocate(bytes + 2 * START);
    ByteBuffer direct = ByteBuffer.allocateDirect(bytes + 2 * START);
    for (ByteBuffer b : new ByteBuffer[] {heap, direct}) {
      for (int i = 0; i < b.capacity(); i++) {
        b.put(i, (byte) 0x5A);
      }
      b.position(3);
      p.pixelsInto(photo, b, START, 192, 256);
      assertThat(b.position()).isEqualTo(3);
    }

    byte[] fromDirect = new byte[direct.capacity()];
    direct.get(0, fromDirect);
    assertThat(fromDirect).isEqualTo(heap.array());
    for (int i = 0; i < START; i++) {
      assertThat(heap.get(i)).isEqualTo((byte) 0x5A);
      assertThat(heap.get(START + bytes + i)).isEqualTo((byte) 0x5A);
    }
  }

  @Test
  void shouldKeepAFlatColourInRgbOrderAtANonSquareSize() throws Exception {
    byte[] jpeg =
        SampleImages.encodeJpeg(TestPictures.solid(500, 300, new Color(200, 40, 90)), 0.95f, false);
    ByteBuffer pixels = ByteBuffer.allocateDirect(192 * 256 * 3);

    nativePath().pixelsInto(jpeg, pixels, 0, 192, 256);

    int[] expected = {200, 40, 90};
    for (int i = 0; i < 192 * 256; i++) {
      for (int c = 0; c < 3; c++) {
        assertThat(pixels.get(3 * i + c) & 0xFF)
            .as("pixel %d channel %d", i, c)
            .isCloseTo(expected[c], offset(3));
      }
    }
  }

  private static double meanAbsoluteDifference(byte[] a, byte[] b) {
    long sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += Math.abs((a[i] & 0xFF) - (b[i] & 0xFF));
    }
    return (double) sum / a.length;
  }

  @Test
  void shouldRejectBrokenAndTruncatedImagesWithImageIosReasonAndMessage() {
    byte[] photo = Photos.jpeg(640, 480, 43, 0.9f);
    List<byte[]> inputs = new ArrayList<>();
    SampleImages.broken().forEach(b -> inputs.add(b.bytes()));
    inputs.add(Arrays.copyOf(photo, photo.length / 2));
    ImagePreprocessor imageIo =
        new ImagePreprocessor(PreprocessProfile.CAFFE_BGR, ImageLimits.DEFAULT);

    for (byte[] input : inputs) {
      ImageRejectedException expected = rejection(imageIo, input);
      ImageRejectedException actual = rejection(nativePath(), input);
      assertThat(actual).isNotNull();
      assertThat(actual.reason()).isEqualTo(expected.reason());
      assertThat(actual.getMessage()).isEqualTo(expected.getMessage());
    }
  }

  private static ImageRejectedException rejection(ImagePreprocessor p, byte[] input) {
    return catchThrowableOfType(
        () -> p.pixelsInto(input, ByteBuffer.allocate(S * S * 3), 0, S, S),
        ImageRejectedException.class);
  }
}
