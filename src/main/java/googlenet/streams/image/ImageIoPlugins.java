package googlenet.streams.image;

import java.util.EnumMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import javax.imageio.ImageIO;
import javax.imageio.spi.IIORegistry;
import javax.imageio.spi.ImageReaderSpi;

/**
 * The ImageIO reader chosen for each format, resolved once per JVM. Plugins are found through
 * {@code META-INF/services} (kept by the shade plugin's ServicesResourceTransformer), after one
 * {@link ImageIO#scanForPlugins()}; JPEG and WebP must be served by TwelveMonkeys (CMYK/YCCK JPEG,
 * WebP), PNG, GIF and BMP by the JDK. A missing plugin fails loudly at first use instead of
 * silently decoding with a weaker reader. The on-disk cache is switched off: images are decoded
 * from memory.
 *
 * <p>Plain YCbCr and grey JPEGs are read first with the JDK's own JPEG reader when present: it is
 * the same libjpeg underneath, without TwelveMonkeys' extra parsing (measured about 0.2 ms less per
 * 640x480 image); anything it refuses (CMYK, YCCK, odd ICC profiles) goes to TwelveMonkeys.
 */
final class ImageIoPlugins {
  private static final String TWELVEMONKEYS = "com.twelvemonkeys.imageio.plugins.";

  private ImageIoPlugins() {}

  /**
   * The reader provider for {@code format}.
   *
   * @throws IllegalStateException naming the missing plugin when it is not on the class path
   */
  static ImageReaderSpi readerFor(ImageFormat format) {
    ImageReaderSpi spi = Holder.READERS.get(format);
    if (spi == null) {
      throw new IllegalStateException(
          "no ImageIO reader for "
              + format.id()
              + (format == ImageFormat.JPEG || format == ImageFormat.WEBP
                  ? " from " + TWELVEMONKEYS + format.id() + ".*"
                  : "")
              + "; the jar is missing its META-INF/services entries (rebuild with the shade"
              + " plugin's ServicesResourceTransformer)");
    }
    return spi;
  }

  /** The JDK's JPEG reader, tried before TwelveMonkeys for JPEG; empty on JVMs without one. */
  static Optional<ImageReaderSpi> jdkJpegReader() {
    return Holder.JDK_JPEG;
  }

  private static final class Holder {
    private static final Map<ImageFormat, ImageReaderSpi> READERS = load();
    private static final Optional<ImageReaderSpi> JDK_JPEG = jdkJpeg();
  }

  private static Optional<ImageReaderSpi> jdkJpeg() {
    return find("jpeg", "com.sun.imageio.plugins.jpeg.");
  }

  private static Map<ImageFormat, ImageReaderSpi> load() {
    ImageIO.setUseCache(false);
    ImageIO.scanForPlugins();
    Map<ImageFormat, ImageReaderSpi> readers = new EnumMap<>(ImageFormat.class);
    find("jpeg", TWELVEMONKEYS + "jpeg.").ifPresent(spi -> readers.put(ImageFormat.JPEG, spi));
    find("webp", TWELVEMONKEYS + "webp.").ifPresent(spi -> readers.put(ImageFormat.WEBP, spi));
    find("png", "").ifPresent(spi -> readers.put(ImageFormat.PNG, spi));
    find("gif", "").ifPresent(spi -> readers.put(ImageFormat.GIF, spi));
    find("bmp", "").ifPresent(spi -> readers.put(ImageFormat.BMP, spi));
    return Map.copyOf(readers);
  }

  private static Optional<ImageReaderSpi> find(String formatName, String classPrefix) {
    Iterator<ImageReaderSpi> it =
        IIORegistry.getDefaultInstance().getServiceProviders(ImageReaderSpi.class, true);
    while (it.hasNext()) {
      ImageReaderSpi spi = it.next();
      if (spi.getClass().getName().startsWith(classPrefix) && handles(spi, formatName)) {
        return Optional.of(spi);
      }
    }
    return Optional.empty();
  }

  private static boolean handles(ImageReaderSpi spi, String formatName) {
    for (String name : spi.getFormatNames()) {
      if (name.equalsIgnoreCase(formatName)) {
        return true;
      }
    }
    return false;
  }
}
