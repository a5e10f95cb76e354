package googlenet.streams.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import googlenet.streams.tools.fixtures.BrokenImage;
import googlenet.streams.tools.fixtures.CraftedHeaders;
import googlenet.streams.tools.fixtures.SampleImages;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ImagePreprocessorRejectionTest {
  private final ImagePreprocessor preprocessor =
      new ImagePreprocessor(PreprocessProfile.CAFFE_BGR, ImageLimits.DEFAULT);

  private ImageRejectedException rejection(byte[] bytes) {
    return catchThrowableOfType(() -> preprocessor.preprocess(bytes), ImageRejectedException.class);
  }

  @Test
  void shouldRejectEveryBrokenSampleWithItsExpectedReason() {
    for (BrokenImage broken : SampleImages.broken()) {
      ImageRejectedException e = rejection(broken.bytes());
      assertThat(e).as(broken.name()).isNotNull();
      assertThat(e.reason()).as(broken.name()).isEqualTo(broken.expected());
      assertThat(e.getMessage()).as(broken.name()).isNotBlank();
    }
  }

  @Test
  void shouldRefuseBombWithoutInvokingTheDecoder() {
    ImageRejectedException e = rejection(CraftedHeaders.png(100_000, 100_000));
    assertThat(e.reason()).isEqualTo(RejectReason.TOO_MANY_PIXELS);
    // decoder rejections say "cannot be decoded" and carry the decoder's exception
    assertThat(e.getMessage()).doesNotContain("cannot be decoded");
    assertThat(e.getCause()).isNull();
  }

  @Test
  void shouldCallTruncatedJpegCorruptWithTheDecodersMessage() {
    byte[] jpeg = SampleImages.jpeg(64, 48, 3);
    ImageRejectedException e = rejection(Arrays.copyOf(jpeg, jpeg.length * 2 / 3));
    assertThat(e.reason()).isEqualTo(RejectReason.CORRUPT);
    assertThat(e.getMessage()).startsWith("jpeg image (64x48) cannot be decoded: ");
    assertThat(e.getMessage()).containsIgnoringCase("premature end");
  }

  @Test
  void shouldAcceptJpegMissingOnlyItsEndMarker() throws Exception {
    byte[] jpeg = SampleImages.jpeg(64, 48, 3);
    byte[] noEoi = Arrays.copyOf(jpeg, jpeg.length - 2);
    assertThat(preprocessor.preprocess(noEoi)).isEqualTo(preprocessor.preprocess(jpeg));
  }

  @Test
  void shouldCallPngWithoutPixelDataCorrupt() {
    ImageRejectedException e = rejection(CraftedHeaders.png(32, 32));
    assertThat(e.reason()).isEqualTo(RejectReason.CORRUPT);
    assertThat(e.getMessage()).startsWith("png image (32x32) cannot be decoded: ");
  }

  @Test
  void shouldCallBombHeaderWithinLimitsButWithoutDataCorrupt() {
    for (byte[] bytes :
        new byte[][] {
          CraftedHeaders.jpeg(100, 100), CraftedHeaders.gif(100, 100), CraftedHeaders.bmp(100, 100)
        }) {
      assertThat(rejection(bytes).reason()).isEqualTo(RejectReason.CORRUPT);
    }
  }

  /**
   * Flipped bytes anywhere in valid files: a rejection or an image, never another exception. A
   * small pixel limit keeps mutated headers from declaring tens of megapixels (a legal 30 MP
   * solid-colour WebP is 20 bytes and takes seconds to decode).
   */
  @Test
  void shouldNeverLetDecoderExceptionsEscapeOnMutatedFiles() {
    byte[][] originals = {
      SampleImages.jpeg(48, 32, 1),
      SampleImages.png(48, 32, 1),
      SampleImages.encode(SampleImages.picture(48, 32, 1), "gif"),
      SampleImages.encode(SampleImages.picture(48, 32, 1), "bmp"),
      SampleImages.encodeJpeg(SampleImages.picture(48, 32, 1), 0.9f, true),
      TestPictures.cmykJpeg(48, 32),
      TestPictures.webpLossless(48, 32, java.awt.Color.ORANGE)
    };
    ImagePreprocessor small =
        new ImagePreprocessor(PreprocessProfile.CAFFE_BGR, new ImageLimits(1 << 20, 200_000));
    Random random = new Random(11);
    int rejected = 0;
    for (byte[] original : originals) {
      for (int i = 0; i < 150; i++) {
        byte[] mutated = original.clone();
        for (int k = 0; k < 1 + random.nextInt(8); k++) {
          mutated[random.nextInt(mutated.length)] = (byte) random.nextInt(256);
        }
        try {
          assertThat(small.preprocess(mutated)).hasSize(ImagePreprocessor.TENSOR_FLOATS);
        } catch (ImageRejectedException e) {
          assertThat(e.reason()).isNotNull();
          rejected++;
        }
      }
    }
    assertThat(rejected).isGreaterThan(0);
  }
}
