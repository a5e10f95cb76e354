package googlenet.streams.image;

import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 *       high byte; the JDK's JPEG reader applies an embedded ICC profile, the PNG reader does not.
 *       8-bit grey and YCbCr JPEGs go to the native decoder when {@code image.decoder} allows it
 *       (libjpeg-turbo with DCT-domain scaling, no ICC profile applied). JPEG EXIF orientation is
 *       applied. Sources at least 4x the resized size along both axes are decoded with ImageIO
 *       source subsampling (1/2, 1/4, ...; never below twice the resized size).
 *   <li>Resize and normalise ({@link PreprocessProfile}): bilinear with half-pixel centres (as
 *       OpenCV {@code INTER_LINEAR}, no anti-aliasing), written straight into the buffer.
 * </ol>
 *
 * <p>With the native decoder ({@link DecoderMode}, {@code image.decoder}), 8-bit grey and YCbCr
 * JPEGs (baseline or progressive, any EXIF orientation) are decoded, resized and normalised in
 * native code instead: decoded with DCT-domain scaling to the smallest of 1/1, 1/2, 1/4, 1/8 that
 * still leaves at least the resized size along both axes (a 640x480 photo at 320x240 for
 * caffe-bgr), then sampled with the same bilinear half-pixel grid, crop and orientation, from
 * pixels rounded to 8 bits. Everything else, and any JPEG OpenCV returns no image for (truncated
 * data, decoder errors), goes the ImageIO way above, which then decodes or rejects it: rejections
 * carry ImageIO's reasons and messages with either decoder. One difference: corrupt entropy-coded
 * data that libjpeg-turbo decodes with only a warning is labelled natively where ImageIO rejects
 * it.
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
  private static final Logger LOG = LoggerFactory.getLogger(ImagePreprocessor.class);

  private final ImageDecoder decoder = new ImageDecoder();
  private final NativeJpegDecoder nativeJpeg;

  /**
   * Creates a preprocessor for a profile and limits that decodes with ImageIO only.
   *
   * @throws IllegalStateException when the ImageIO plugins (TwelveMonkeys JPEG and WebP) are not on
   *     the class path
   */
  public ImagePreprocessor(PreprocessProfile profile, ImageLimits limits) {
    this(profile, limits, DecoderMode.IMAGEIO);
  }

  /**
   * Creates a preprocessor for a profile and limits that decodes JPEGs as {@code mode} says. With
   * {@link DecoderMode#AUTO} and a native library that cannot load, logs one warning and decodes
   * with ImageIO.
   *
   * @throws IllegalStateException when the ImageIO plugins are not on the class path, or when
   *     {@code mode} is {@link DecoderMode#NATIVE} and the native library cannot load
   */
  public ImagePreprocessor(PreprocessProfile profile, ImageLimits limits, DecoderMode mode) {
    this(profile, limits, mode, mode == DecoderMode.IMAGEIO ? null : NativeLibrary.get(), true);
  }

  /** As above, with the native library's availability given (tests) and DCT scaling optional. */
  ImagePreprocessor(
      PreprocessProfile profile,
      ImageLimits limits,
      DecoderMode mode,
      NativeLibrary library,
      boolean dctScaling) {
    this.profile = Objects.requireNonNull(profile, "profile");
    this.limits = Objects.requireNonNull(limits, "limits");
    for (ImageFormat format : ImageFormat.values()) {
      ImageIoPlugins.readerFor(format);
    }
    this.nativeJpeg = useNative(mode, library) ? new NativeJpegDecoder(dctScaling) : null;
  }

  private static boolean useNative(DecoderMode mode, NativeLibrary library) {
    if (mode == DecoderMode.IMAGEIO) {
      return false;
    }
    if (library.loaded()) {
      return true;
    }
    String problem = library.problem().orElseThrow();
    if (mode == DecoderMode.NATIVE) {
      throw new IllegalStateException(
          "image.decoder=native, but "
              + problem
              + "; set image.decoder=auto (falls back to ImageIO) or imageio, or run on"
              + " linux-x86_64 or linux-arm64 with a writable home or java.io.tmpdir (or set the"
              + " system property org.bytedeco.javacpp.cachedir to a writable directory)");
    }
    LOG.warn("image.decoder=auto: {}; decoding every image with ImageIO", problem);
    return false;
  }

  /** The decoder JPEGs go to first: {@link DecoderMode#NATIVE} or {@link DecoderMode#IMAGEIO}. */
  public DecoderMode decoder() {
    return nativeJpeg != null ? DecoderMode.NATIVE : DecoderMode.IMAGEIO;
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
    if (nativeJpeg != null
        && header.format() == ImageFormat.JPEG
        && nativeJpeg.preprocessInto(encoded, header, geometry, profile, batch, start)) {
      return;
    }
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

  /**
   * Decodes {@code encoded} and writes the whole (oriented) image resized to {@code height} x
   * {@code width} as 8-bit RGB, HWC, into {@code out} from byte index {@code start}, without moving
   * the buffer's position: the input of a model with the preprocessing fused in ({@code model
   * prepare --fuse-preprocess}), which normalises itself. Same header checks, limits, decoding and
   * sampling grid as {@link #preprocessInto}; values are rounded to 8 bits. The JPEGs the native
   * decoder takes are decoded there (DCT scaling to the smallest of 1/1 ... 1/8 that leaves at
   * least {@code height} x {@code width}), the rest with ImageIO.
   *
   * @throws ImageRejectedException with a stable reason when the image cannot be used
   */
  public void pixelsInto(byte[] encoded, ByteBuffer out, int start, int height, int width)
      throws ImageRejectedException {
    long bytes = (long) height * width * CHANNELS;
    if (height < 1 || width < 1 || start < 0 || start > out.limit() - bytes) {
      throw new IndexOutOfBoundsException(
          height + "x" + width + " pixels at " + start + " do not fit " + out.limit() + " bytes");
    }
    ImageHeader header = ImageInspector.inspect(encoded, limits);
    if (nativeJpeg != null
        && header.format() == ImageFormat.JPEG
        && nativeJpeg.pixelsInto(encoded, header, out, start, height, width)) {
      return;
    }
    long w = header.transposed() ? header.height() : header.width();
    long h = header.transposed() ? header.width() : header.height();
    int subsampling = new Geometry(width, height, 0, 0).subsampling(w, h);
    BufferedImage image = decoder.decode(encoded, header, subsampling);
    if (image.getWidth() == header.width() && image.getHeight() == header.height()) {
      subsampling = 1;
    }
    try {
      Resampler.writePixels(PixelSource.of(image), header, subsampling, height, width, out, start);
    } catch (RuntimeException e) {
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
