package googlenet.streams.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import googlenet.streams.tools.fixtures.BrokenImage;
import googlenet.streams.tools.fixtures.CraftedHeaders;
import googlenet.streams.tools.fixtures.SampleImages;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ImageInspectorTest {
  private static final ImageLimits LIMITS = ImageLimits.DEFAULT;

  private static ImageRejectedException rejection(byte[] bytes, ImageLimits limits) {
    return catchThrowableOfType(
        () -> ImageInspector.inspect(bytes, limits), ImageRejectedException.class);
  }

  @Test
  void shouldReadDimensionsOfEveryFormatFromItsHeader() throws Exception {
    assertThat(ImageInspector.inspect(CraftedHeaders.png(300, 200), LIMITS))
        .isEqualTo(new ImageHeader(ImageFormat.PNG, 300, 200, 1));
    assertThat(ImageInspector.inspect(CraftedHeaders.jpeg(300, 200), LIMITS))
        .isEqualTo(new ImageHeader(ImageFormat.JPEG, 300, 200, 1));
    assertThat(ImageInspector.inspect(CraftedHeaders.gif(300, 200), LIMITS))
        .isEqualTo(new ImageHeader(ImageFormat.GIF, 300, 200, 1));
    assertThat(ImageInspector.inspect(CraftedHeaders.bmp(300, -200), LIMITS))
        .isEqualTo(new ImageHeader(ImageFormat.BMP, 300, 200, 1));
    assertThat(ImageInspector.inspect(CraftedHeaders.webp(300, 200), LIMITS))
        .isEqualTo(new ImageHeader(ImageFormat.WEBP, 300, 200, 1));
  }

  @Test
  void shouldReadJpegSizeFromGeneratedFileAfterItsApplicationSegments() throws Exception {
    ImageHeader header = ImageInspector.inspect(SampleImages.jpeg(640, 480, 1), LIMITS);
    assertThat(header).isEqualTo(new ImageHeader(ImageFormat.JPEG, 640, 480, 1));
  }

  @Test
  void shouldRejectEveryBrokenSampleWithItsExpectedReason() {
    for (BrokenImage broken : SampleImages.broken()) {
      if (broken.expected() == RejectReason.CORRUPT) {
        continue; // the header is intact: only the decoder can tell
      }
      assertThat(rejection(broken.bytes(), LIMITS).reason())
          .as(broken.name())
          .isEqualTo(broken.expected());
    }
  }

  @Test
  void shouldRefusePngBombNamingItsSizeAndTheLimit() {
    ImageRejectedException e = rejection(CraftedHeaders.png(100_000, 100_000), LIMITS);
    assertThat(e.reason()).isEqualTo(RejectReason.TOO_MANY_PIXELS);
    assertThat(e.getMessage())
        .isEqualTo(
            "image is 100000x100000 = 10000000000 pixels, above the limit of 50000000"
                + " (image.max.pixels)");
  }

  @Test
  void shouldRefuseBombHeadersOfEveryFormat() {
    byte[][] bombs = {
      CraftedHeaders.png(100_000, 100_000),
      CraftedHeaders.jpeg(65_535, 65_535),
      CraftedHeaders.gif(65_535, 65_535),
      CraftedHeaders.bmp(100_000, 100_000),
      CraftedHeaders.bmp(100_000, -100_000),
      CraftedHeaders.webp(16_384, 16_384)
    };
    for (byte[] bomb : bombs) {
      assertThat(rejection(bomb, LIMITS).reason()).isEqualTo(RejectReason.TOO_MANY_PIXELS);
    }
  }

  @Test
  void shouldAcceptExactlyMaxPixelsAndRefuseOneMore() throws Exception {
    ImageLimits limits = new ImageLimits(1000, 200 * 100);
    assertThat(ImageInspector.inspect(CraftedHeaders.png(200, 100), limits).pixels())
        .isEqualTo(20_000);
    assertThat(rejection(CraftedHeaders.png(201, 100), limits).reason())
        .isEqualTo(RejectReason.TOO_MANY_PIXELS);
  }

  @Test
  void shouldAcceptExactlyMaxBytesAndRefuseOneByteMore() throws Exception {
    byte[] png = CraftedHeaders.png(10, 10);
    assertThat(ImageInspector.inspect(png, new ImageLimits(png.length, 100)).width()).isEqualTo(10);
    ImageRejectedException e = rejection(png, new ImageLimits(png.length - 1, 100));
    assertThat(e.reason()).isEqualTo(RejectReason.TOO_LARGE);
    assertThat(e.getMessage())
        .isEqualTo(
            "image is "
                + png.length
                + " bytes, above the limit of "
                + (png.length - 1)
                + " (image.max.bytes)");
  }

  @Test
  void shouldRejectZeroAndNegativeDimensions() {
    byte[][] invalid = {
      CraftedHeaders.png(0, 32),
      CraftedHeaders.png(32, 0),
      CraftedHeaders.png(-5, 32),
      CraftedHeaders.jpeg(0, 32),
      CraftedHeaders.gif(32, 0),
      CraftedHeaders.bmp(-32, 32),
      CraftedHeaders.bmp(32, 0)
    };
    for (byte[] bytes : invalid) {
      assertThat(rejection(bytes, LIMITS).reason()).isEqualTo(RejectReason.INVALID_DIMENSIONS);
    }
  }

  @Test
  void shouldRejectEmptyInput() {
    ImageRejectedException e = rejection(new byte[0], LIMITS);
    assertThat(e.reason()).isEqualTo(RejectReason.EMPTY);
    assertThat(rejection(null, LIMITS).reason()).isEqualTo(RejectReason.EMPTY);
  }

  @Test
  void shouldRejectUnknownMagicNamingTheFirstBytes() {
    ImageRejectedException e = rejection("%PDF-1.7 hello".getBytes(), LIMITS);
    assertThat(e.reason()).isEqualTo(RejectReason.UNSUPPORTED_FORMAT);
    assertThat(e.getMessage()).startsWith("image starts with bytes 25 50 44 46 2D 31 2E 37,");
  }

  @Test
  void shouldCallTruncatedHeadersCorrupt() {
    byte[] png = CraftedHeaders.png(32, 32);
    for (int length = 1; length < png.length; length++) {
      byte[] cut = Arrays.copyOf(png, length);
      assertThat(rejection(cut, LIMITS).reason())
          .as("PNG cut to %d bytes", length)
          .isIn(RejectReason.CORRUPT, RejectReason.UNSUPPORTED_FORMAT);
    }
    byte[] jpeg = SampleImages.jpeg(64, 48, 1);
    assertThat(rejection(Arrays.copyOf(jpeg, 40), LIMITS).reason()).isEqualTo(RejectReason.CORRUPT);
    assertThat(rejection(Arrays.copyOf(jpeg, 3), LIMITS).getMessage())
        .contains("JPEG header is truncated");
  }

  @Test
  void shouldRejectPngWhoseHeaderChecksumIsWrong() {
    byte[] png = CraftedHeaders.png(32, 32);
    png[png.length - 1] ^= 1;
    ImageRejectedException e = rejection(png, LIMITS);
    assertThat(e.reason()).isEqualTo(RejectReason.CORRUPT);
    assertThat(e.getMessage()).contains("IHDR checksum");
  }

  @Test
  void shouldRejectJpegWithoutFrameHeader() {
    byte[] noFrame = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xDA, 0, 2};
    ImageRejectedException e = rejection(noFrame, LIMITS);
    assertThat(e.reason()).isEqualTo(RejectReason.CORRUPT);
    assertThat(e.getMessage()).contains("no frame header (SOFn) before marker 0xDA");
  }

  @Test
  void shouldAcceptProgressiveJpegWithExactlyTheMaximumScans() throws Exception {
    byte[] jpeg = CraftedHeaders.progressiveJpegWithScans(JpegScanCounter.MAX_SCANS);
    assertThat(JpegScanCounter.count(jpeg, 2, 1000)).isEqualTo(JpegScanCounter.MAX_SCANS);
    assertThat(ImageInspector.inspect(jpeg, LIMITS).width()).isEqualTo(64);
  }

  @Test
  void shouldRejectProgressiveJpegWithOneScanTooMany() {
    byte[] jpeg = CraftedHeaders.progressiveJpegWithScans(JpegScanCounter.MAX_SCANS + 1);
    ImageRejectedException e = rejection(jpeg, LIMITS);
    assertThat(e.reason()).isEqualTo(RejectReason.TOO_MANY_SCANS);
    assertThat(e.reason().code()).isEqualTo("too-many-scans");
    assertThat(e.getMessage()).startsWith("progressive JPEG has more than 100 scans");
  }

  @Test
  void shouldCountScansOfGeneratedJpegs() {
    byte[] progressive = SampleImages.encodeJpeg(SampleImages.picture(64, 48, 1), 0.9f, true);
    assertThat(JpegScanCounter.count(progressive, 2, 1000)).isBetween(6, 20);
    assertThat(JpegScanCounter.count(SampleImages.jpeg(64, 48, 1), 2, 1000)).isEqualTo(1);
  }

  @Test
  void shouldRejectArithmeticCodedJpegAsUnsupported() {
    byte[] jpeg = CraftedHeaders.jpeg(32, 32);
    jpeg[3] = (byte) 0xC9;
    assertThat(rejection(jpeg, LIMITS).reason()).isEqualTo(RejectReason.UNSUPPORTED_FORMAT);
  }
}
