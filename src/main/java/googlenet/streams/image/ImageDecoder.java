package googlenet.streams.image;

import com.twelvemonkeys.imageio.stream.ByteArrayImageInputStream;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.Locale;
import java.util.Optional;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.event.IIOReadWarningListener;
import javax.imageio.spi.ImageReaderSpi;

/**
 * Decodes the first image of an encoded file with the ImageIO reader chosen for its format (see
 * {@link ImageIoPlugins}). Every decoder failure, including runtime exceptions thrown by decoders
 * on malicious input, becomes a {@code corrupt} rejection carrying the decoder's message.
 *
 * <p>Thread-safe: each thread keeps its own JDK JPEG reader (the hot path; creating one costs about
 * 0.2 ms), dropped after any failure; other readers are created per call.
 */
final class ImageDecoder {
  private final ThreadLocal<ImageReader> jpegReaders = new ThreadLocal<>();

  /**
   * Decodes {@code data}, whose header has passed the limits, reading one pixel in {@code
   * subsampling} along each axis, starting at {@code (subsampling - 1) / 2}.
   */
  BufferedImage decode(byte[] data, ImageHeader header, int subsampling)
      throws ImageRejectedException {
    Optional<ImageReaderSpi> jdkJpeg = ImageIoPlugins.jdkJpegReader();
    if (header.format() == ImageFormat.JPEG && jdkJpeg.isPresent()) {
      ImageReader cached = jpegReaders.get();
      jpegReaders.remove();
      ImageReader reader = cached != null ? cached : create(jdkJpeg.get(), header);
      TruncationListener truncation = new TruncationListener();
      try {
        BufferedImage image = read(reader, data, subsampling, truncation);
        jpegReaders.set(reader);
        return checked(image, truncation, header);
      } catch (IOException | RuntimeException e) {
        reader.dispose(); // and let TwelveMonkeys try: CMYK, YCCK, odd ICC profiles
      }
    }
    ImageReader reader = create(ImageIoPlugins.readerFor(header.format()), header);
    TruncationListener truncation = new TruncationListener();
    try {
      return checked(read(reader, data, subsampling, truncation), truncation, header);
    } catch (IOException | RuntimeException e) {
      throw corrupt(header, e.getClass().getSimpleName() + ": " + e.getMessage(), e);
    } finally {
      reader.dispose();
    }
  }

  private static BufferedImage read(
      ImageReader reader, byte[] data, int subsampling, TruncationListener truncation)
      throws IOException {
    try (ByteArrayImageInputStream in = new ByteArrayImageInputStream(data)) {
      reader.setInput(in, true, true);
      reader.removeAllIIOReadWarningListeners();
      reader.addIIOReadWarningListener(truncation);
      ImageReadParam param = reader.getDefaultReadParam();
      if (subsampling > 1) {
        int grid = (subsampling - 1) / 2;
        param.setSourceSubsampling(subsampling, subsampling, grid, grid);
      }
      BufferedImage image = reader.read(0, param);
      reader.setInput(null); // do not pin the image's bytes in a cached reader
      return image;
    }
  }

  private static BufferedImage checked(
      BufferedImage image, TruncationListener truncation, ImageHeader header)
      throws ImageRejectedException {
    if (truncation.warning != null) {
      throw corrupt(header, truncation.warning, null);
    }
    return image;
  }

  private static ImageReader create(ImageReaderSpi spi, ImageHeader header)
      throws ImageRejectedException {
    try {
      return spi.createReaderInstance();
    } catch (IOException | RuntimeException e) {
      throw corrupt(header, "no reader: " + e.getMessage(), e);
    }
  }

  private static ImageRejectedException corrupt(
      ImageHeader header, String detail, Throwable cause) {
    return new ImageRejectedException(
        RejectReason.CORRUPT,
        header.format().id()
            + " image ("
            + header.width()
            + "x"
            + header.height()
            + ") cannot be decoded: "
            + detail,
        cause);
  }

  /**
   * Remembers a decoder warning that means pixel data is missing (libjpeg's "premature end of data
   * segment"). A JPEG that lacks only its final EOI marker is accepted: every pixel is there.
   */
  private static final class TruncationListener implements IIOReadWarningListener {
    private String warning;

    @Override
    public void warningOccurred(ImageReader source, String message) {
      if (warning == null
          && message != null
          && message.toLowerCase(Locale.ROOT).contains("premature end")) {
        warning = message;
      }
    }
  }
}
