package googlenet.streams.image;

import com.twelvemonkeys.imageio.stream.ByteArrayImageInputStream;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.Locale;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.event.IIOReadWarningListener;

/**
 * Decodes the first image of an encoded file with the ImageIO reader chosen for its format. Every
 * decoder failure, including runtime exceptions thrown by decoders on malicious input, becomes a
 * {@code corrupt} rejection carrying the decoder's message. Thread-safe: a reader per call.
 */
final class ImageDecoder {
  /**
   * Decodes {@code data}, whose header has passed the limits, reading every {@code subsampling}-th
   * pixel of every {@code subsampling}-th row.
   */
  BufferedImage decode(byte[] data, ImageHeader header, int subsampling)
      throws ImageRejectedException {
    ImageReader reader = null;
    try (ByteArrayImageInputStream in = new ByteArrayImageInputStream(data)) {
      reader = ImageIoPlugins.readerFor(header.format()).createReaderInstance();
      reader.setInput(in, true, true);
      TruncationListener truncation = new TruncationListener();
      reader.addIIOReadWarningListener(truncation);
      ImageReadParam param = reader.getDefaultReadParam();
      if (subsampling > 1) {
        param.setSourceSubsampling(subsampling, subsampling, 0, 0);
      }
      BufferedImage image = reader.read(0, param);
      if (truncation.warning != null) {
        throw corrupt(header, truncation.warning);
      }
      return image;
    } catch (IOException | RuntimeException e) {
      throw corrupt(header, e.getClass().getSimpleName() + ": " + e.getMessage(), e);
    } finally {
      if (reader != null) {
        reader.dispose();
      }
    }
  }

  private static ImageRejectedException corrupt(ImageHeader header, String detail) {
    return corrupt(header, detail, null);
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
