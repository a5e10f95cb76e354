package googlenet.streams.image;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ImageIoPluginsTest {
  @Test
  void shouldServeJpegAndWebpWithTwelveMonkeysAndTheRestWithTheJdk() {
    assertThat(ImageIoPlugins.readerFor(ImageFormat.JPEG).getClass().getName())
        .isEqualTo("com.twelvemonkeys.imageio.plugins.jpeg.JPEGImageReaderSpi");
    assertThat(ImageIoPlugins.readerFor(ImageFormat.WEBP).getClass().getName())
        .isEqualTo("com.twelvemonkeys.imageio.plugins.webp.WebPImageReaderSpi");
    for (ImageFormat format :
        new ImageFormat[] {ImageFormat.PNG, ImageFormat.GIF, ImageFormat.BMP}) {
      assertThat(ImageIoPlugins.readerFor(format).getClass().getName())
          .startsWith("com.sun.imageio.plugins." + format.id() + ".");
    }
  }

  @Test
  void shouldFindTheJdkJpegReaderForTheFastPath() {
    assertThat(ImageIoPlugins.jdkJpegReader())
        .get()
        .extracting(spi -> spi.getClass().getName())
        .isEqualTo("com.sun.imageio.plugins.jpeg.JPEGImageReaderSpi");
  }
}
