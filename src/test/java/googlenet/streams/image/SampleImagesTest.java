package googlenet.streams.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SampleImagesTest {
  @Test
  void shouldGiveTheSameBytesForTheSameSeed() {
    assertThat(SampleImages.jpeg(320, 240, 5)).isEqualTo(SampleImages.jpeg(320, 240, 5));
    assertThat(SampleImages.png(64, 48, 5)).isEqualTo(SampleImages.png(64, 48, 5));
    assertThat(SampleImages.jpeg(320, 240, 5)).isNotEqualTo(SampleImages.jpeg(320, 240, 6));
  }

  @Test
  void shouldMakePhotoLikeJpegSizes() throws Exception {
    for (long seed = 1; seed <= 3; seed++) {
      byte[] jpeg = SampleImages.jpeg(640, 480, seed);
      assertThat(jpeg.length).as("seed %d", seed).isBetween(50_000, 100_000);
      assertThat(ImageInspector.inspect(jpeg, ImageLimits.DEFAULT))
          .isEqualTo(new ImageHeader(ImageFormat.JPEG, 640, 480, 1));
    }
  }

  @Test
  void shouldMakePngOfTheRequestedSize() throws Exception {
    assertThat(ImageInspector.inspect(SampleImages.png(100, 70, 1), ImageLimits.DEFAULT))
        .isEqualTo(new ImageHeader(ImageFormat.PNG, 100, 70, 1));
  }

  @Test
  void shouldCoverEveryReasonButSizeWithUniquelyNamedBrokenImages() {
    List<BrokenImage> broken = SampleImages.broken();
    assertThat(broken.stream().map(BrokenImage::name).collect(Collectors.toSet()))
        .hasSameSizeAs(broken)
        .contains(
            "empty",
            "random-bytes",
            "truncated-jpeg",
            "header-only-png",
            "png-bomb",
            "zero-width-png",
            "text-file");
    assertThat(broken.stream().map(BrokenImage::expected).collect(Collectors.toSet()))
        .containsExactlyInAnyOrder(
            RejectReason.EMPTY,
            RejectReason.UNSUPPORTED_FORMAT,
            RejectReason.CORRUPT,
            RejectReason.TOO_MANY_PIXELS,
            RejectReason.INVALID_DIMENSIONS,
            RejectReason.TOO_MANY_SCANS); // too-large depends on the configured limit
  }
}
