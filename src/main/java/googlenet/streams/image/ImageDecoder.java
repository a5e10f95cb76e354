package googlenet.streams.image;

import com.twelvemonkeys.imageio.stream.ByteArrayImageInputStream;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.Locale;
import java.util.Optional;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.event.IIOReadWarningListener;
import javax.imageio.spi.ImageReaderSpi;
import javax.imageio.stream.ImageInputStream;

/**
 * Decodes the first image of an encoded file with the ImageIO reader chosen for its format (see
 * {@link ImageIoPlugins}). Every decoder failure, including runtime exceptions thrown by decoders
 * on malicious input, becomes a {@code corrupt} rejection carrying the decoder's message.
 *
 * <p>Thread-safe: each thread keeps its own JDK JPEG reader (the hot path; creating one costs about
 * 0.2 ms) and the image it last decoded into (up to {@link #REUSED_PIXELS} pixels), reused when the
 * next JPEG has the same size and type; both are dropped after any failure. Other readers are
 * created per call.
 */
final class ImageDecoder {
  /** Largest destination image kept per thread for reuse: 2 MP, 6 MB. */
  static final int REUSED_PIXELS = 2_000_000;

  private final ThreadLocal<JpegSlot> jpegSlots = ThreadLocal.withInitial(JpegSlot::new);

  /**
   * Decodes {@code data}, whose header has passed the limits, reading one pixel in {@code
   * subsampling} along each axis, starting at {@code (subsampling - 1) / 2}. A returned JPEG image
   * may be overwritten by the same thread's next call: use it before decoding again.
   */
  BufferedImage decode(byte[] data, ImageHeader header, int subsampling)
      throws ImageRejectedException {
    Optional<ImageReaderSpi> jdkJpeg = ImageIoPlugins.jdkJpegReader();
    if (header.format() == ImageFormat.JPEG && jdkJpeg.isPresent()) {
      JpegSlot slot = jpegSlots.get();
      ImageReader reader = slot.reader != null ? slot.reader : create(jdkJpeg.get(), header);
      BufferedImage reuse = slot.destination;
      slot.reader = null;
      slot.destination = null;
      TruncationListener truncation = new TruncationListener();
      try {
        BufferedImage image = read(reader, data, header.format(), subsampling, truncation, reuse);
        slot.reader = reader;
        slot.destination = reusable(image) ? image : null;
        return checked(image, truncation, header);
      } catch (IOException | RuntimeException e) {
        reader.dispose(); // and let TwelveMonkeys try: CMYK, YCCK, odd ICC profiles
      }
    }
    ImageReader reader = create(ImageIoPlugins.readerFor(header.format()), header);
    TruncationListener truncation = new TruncationListener();
    try {
      return checked(
          read(reader, data, header.format(), subsampling, truncation, null), truncation, header);
    } catch (IOException | RuntimeException e) {
      throw corrupt(header, e.getClass().getSimpleName() + ": " + e.getMessage(), e);
    } finally {
      reader.dispose();
    }
  }

  private static BufferedImage read(
      ImageReader reader,
      byte[] data,
      ImageFormat format,
      int subsampling,
      TruncationListener truncation,
      BufferedImage reuse)
      throws IOException {
    try (ImageInputStream in =
        format == ImageFormat.WEBP
            ? new BoundedEofInputStream(data)
            : new ByteArrayImageInputStream(data)) {
      reader.setInput(in, true, true);
      reader.removeAllIIOReadWarningListeners();
      reader.addIIOReadWarningListener(truncation);
      ImageReadParam param = reader.getDefaultReadParam();
      int grid = (subsampling - 1) / 2;
      if (subsampling > 1) {
        param.setSourceSubsampling(subsampling, subsampling, grid, grid);
      }
      if (reuse != null && fits(reuse, reader, subsampling, grid)) {
        param.setDestination(reuse);
      }
      BufferedImage image = reader.read(0, param);
      reader.setInput(null); // do not pin the image's bytes in a cached reader
      return image;
    }
  }

  /** True when {@code image} has exactly the size and type the reader would allocate. */
  private static boolean fits(BufferedImage image, ImageReader reader, int subsampling, int grid)
      throws IOException {
    int width = (reader.getWidth(0) - grid + subsampling - 1) / subsampling;
    int height = (reader.getHeight(0) - grid + subsampling - 1) / subsampling;
    ImageTypeSpecifier type = reader.getImageTypes(0).next();
    return image.getWidth() == width
        && image.getHeight() == height
        && type.getBufferedImageType() == image.getType();
  }

  private static boolean reusable(BufferedImage image) {
    return image.getType() != BufferedImage.TYPE_CUSTOM
        && (long) image.getWidth() * image.getHeight() <= REUSED_PIXELS;
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

  /** A thread's JDK JPEG reader and the image it last decoded into; either may be null. */
  private static final class JpegSlot {
    private ImageReader reader;
    private BufferedImage destination;
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
