package googlenet.streams.image;

import java.awt.image.BufferedImage;
import java.nio.FloatBuffer;
import java.util.Objects;

/**
 * Turns encoded image bytes into one model input: decodes with limits checked before any pixel is
 * decoded, then writes {@link #TENSOR_FLOATS} floats (CHW, 3x224x224) for the configured profile.
 * Thread-safe: one instance is shared by all stream threads.
 *
 * <ol>
 *   <li>Header ({@link ImageInspector}): size against {@code maxBytes}, format by magic bytes
 *       (JPEG, PNG, GIF, BMP, WebP), width and height read from the header, pixel count against
 *       {@code maxPixels}. Microseconds, no allocation proportional to the declared size.
 *   <li>Decode (ImageIO): JPEG baseline, progressive, grey, CMYK/YCCK (TwelveMonkeys), PNG 1-16
 *       bit, palette, grey and alpha; BMP; GIF (first frame, at its own size); WebP lossy and
 *       lossless (TwelveMonkeys). Alpha is ignored, not composited (as PIL's {@code
 *       convert('RGB')}); grey is replicated without gamma conversion; 16-bit samples keep their
 *       high byte; embedded ICC profiles are not applied to RGB data. JPEG EXIF orientation is
 *       applied. Sources at least 4x the resized size along both axes are decoded with ImageIO
 *       source subsampling (1/2, 1/4, ...; never below twice the resized size).
 *   <li>Resize and normalise ({@link PreprocessProfile}): bilinear with half-pixel centres (as
 *       OpenCV {@code INTER_LINEAR}, no anti-aliasing), written straight into the buffer.
 * </ol>
 */
public final class ImagePreprocessor {
  /** Channels of the model input. */
  public static final int CHANNELS = 3;

  /** Height and width of the model input. */
  public static final int SIZE = 224;

  /** Floats per image in the input tensor: 3 * 224 * 224. */
  public static final int TENSOR_FLOATS = CHANNELS * SIZE * SIZE;

  private final PreprocessProfile profile;
  private final ImageLimits limits;
  private final ImageDecoder decoder = new ImageDecoder();

  /**
   * Creates a preprocessor for a profile and limits.
   *
   * @throws IllegalStateException when the ImageIO plugins (TwelveMonkeys JPEG and WebP) are not on
   *     the class path
   */
  public ImagePreprocessor(PreprocessProfile profile, ImageLimits limits) {
    this.profile = Objects.requireNonNull(profile, "profile");
    this.limits = Objects.requireNonNull(limits, "limits");
    for (ImageFormat format : ImageFormat.values()) {
      ImageIoPlugins.readerFor(format);
    }
  }

  /** The profile this preprocessor applies. */
  public PreprocessProfile profile() {
    return profile;
  }

  /** The limits this preprocessor enforces. */
  public ImageLimits limits() {
    return limits;
  }

  /**
   * Decodes {@code encoded} and writes its tensor into {@code batch} at image slot {@code slot},
   * that is at float index {@code slot * TENSOR_FLOATS}, without moving the buffer's position.
   *
   * @throws ImageRejectedException with a stable reason when the image cannot be used
   */
  public void preprocessInto(byte[] encoded, FloatBuffer batch, int slot)
      throws ImageRejectedException {
    int start = Math.multiplyExact(slot, TENSOR_FLOATS);
    if (slot < 0 || start > batch.limit() - TENSOR_FLOATS) {
      throw new IndexOutOfBoundsException(
          "slot " + slot + " does not fit a buffer of " + batch.limit() + " floats");
    }
    ImageHeader header = ImageInspector.inspect(encoded, limits);
    long width = header.transposed() ? header.height() : header.width();
    long height = header.transposed() ? header.width() : header.height();
    Geometry geometry = Geometry.of(profile, (int) width, (int) height);
    int subsampling = geometry.subsampling(width, height);
    BufferedImage image = decoder.decode(encoded, header, subsampling);
    if (image.getWidth() == header.width() && image.getHeight() == header.height()) {
      subsampling = 1; // the reader ignored the request
    }
    try {
      Resampler.write(PixelSource.of(image), header, geometry, subsampling, profile, batch, start);
    } catch (RuntimeException e) { // an exotic colour model the decoder produced
      throw new ImageRejectedException(
          RejectReason.CORRUPT,
          header.format().id() + " image decoded to an unusable raster (" + image + "): " + e,
          e);
    }
  }

  /** Decodes {@code encoded} into a new array of {@link #TENSOR_FLOATS} floats. */
  public float[] preprocess(byte[] encoded) throws ImageRejectedException {
    FloatBuffer buffer = FloatBuffer.allocate(TENSOR_FLOATS);
    preprocessInto(encoded, buffer, 0);
    return buffer.array();
  }
}
