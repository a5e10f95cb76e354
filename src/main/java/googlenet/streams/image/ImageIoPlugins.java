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

  /** The reader provider for {@code format}. */
  static ImageReaderSpi readerFor(ImageFormat format) {
    return Holder.READERS.get(format);
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
    try {
      return Optional.of(find("jpeg", "com.sun.imageio.plugins.jpeg."));
    } catch (IllegalStateException e) {
      return Optional.empty();
    }
  }

  private static Map<ImageFormat, ImageReaderSpi> load() {
    ImageIO.setUseCache(false);
    ImageIO.scanForPlugins();
    Map<ImageFormat, ImageReaderSpi> readers = new EnumMap<>(ImageFormat.class);
    readers.put(ImageFormat.JPEG, find("jpeg", TWELVEMONKEYS + "jpeg."));
    readers.put(ImageFormat.WEBP, find("webp", TWELVEMONKEYS + "webp."));
    readers.put(ImageFormat.PNG, find("png", ""));
    readers.put(ImageFormat.GIF, find("gif", ""));
    readers.put(ImageFormat.BMP, find("bmp", ""));
    return Map.copyOf(readers);
  }

  private static ImageReaderSpi find(String formatName, String classPrefix) {
    Iterator<ImageReaderSpi> it =
        IIORegistry.getDefaultInstance().getServiceProviders(ImageReaderSpi.class, true);
    while (it.hasNext()) {
      ImageReaderSpi spi = it.next();
      if (spi.getClass().getName().startsWith(classPrefix) && handles(spi, formatName)) {
        return spi;
      }
    }
    throw new IllegalStateException(
        "no ImageIO reader for "
            + formatName
            + (classPrefix.isEmpty() ? "" : " from " + classPrefix + "*")
            + "; the jar is missing its META-INF/services entries (rebuild with the shade"
            + " plugin's ServicesResourceTransformer)");
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
