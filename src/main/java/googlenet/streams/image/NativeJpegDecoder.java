package googlenet.streams.image;

import static org.bytedeco.opencv.global.opencv_core.BORDER_REPLICATE;
import static org.bytedeco.opencv.global.opencv_core.CV_32F;
import static org.bytedeco.opencv.global.opencv_core.CV_32FC1;
import static org.bytedeco.opencv.global.opencv_core.CV_64F;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_core.extractChannel;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_COLOR;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_IGNORE_ORIENTATION;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_REDUCED_COLOR_2;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_REDUCED_COLOR_4;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_REDUCED_COLOR_8;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imdecode;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2RGB;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.WARP_INVERSE_MAP;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;
import static org.bytedeco.opencv.global.opencv_imgproc.warpAffine;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * JPEG to model input in native code (OpenCV, built with libjpeg-turbo): {@code imdecode} with DCT
 * scaling (1/2, 1/4, 1/8, chosen by {@link NativeWarp}), one {@code warpAffine} (bilinear, edge
 * pixels replicated) that resizes, crops and orients to 224x224, and a per-channel {@code
 * convertTo} that normalises into the float tensor; or, for a model with the preprocessing fused
 * in, a {@code warpAffine} of the whole image to the model's input size and a {@code cvtColor} that
 * writes its uint8 RGB pixels straight into the batch slot. Every native object of a call lives in
 * one {@link PointerScope} and is released when the call returns, whatever happens.
 *
 * <p>Takes 8-bit JPEGs with 1 (grey) or 3 (YCbCr, RGB) components, baseline, extended or
 * progressive. Declines (returns false, and the caller decodes with ImageIO, which accepts or
 * rejects) CMYK and YCCK (4 components: TwelveMonkeys converts them with their colour profiles),
 * 12-bit samples, and any file OpenCV returns no image for (truncated data, decoder errors), so
 * that ImageIO decides those files' reject reasons. OpenCV does not surface libjpeg-turbo's
 * warnings: corrupt entropy-coded data that decodes with a warning ("premature end of data segment"
 * after a spurious marker, "bad Huffman code") yields an image here, where ImageIO rejects the file
 * as corrupt; libjpeg-turbo prints the warning on stderr.
 *
 * <p>Thread-safe and stateless.
 */
final class NativeJpegDecoder {
  private static final int S = ImagePreprocessor.SIZE;
  private static final int PLANE = S * S;
  private static final int SOF0 = 0xC0;
  private static final int SOF2 = 0xC2;

  /** The channel layout of OpenCV's 8-bit colour images: blue, green, red. */
  private static final PixelSource BGR = new PixelSource(null, 0, 0, 0, 3, 0, 2, 1, 0);

  private final boolean dctScaling;

  /**
   * A decoder; {@code dctScaling=false} decodes at full size (the parity tests' way to separate the
   * decoder from the scaling).
   */
  NativeJpegDecoder(boolean dctScaling) {
    this.dctScaling = dctScaling;
  }

  /** True when the native path takes a JPEG with this frame header. */
  static boolean takes(JpegFrame frame) {
    return frame.marker() >= SOF0
        && frame.marker() <= SOF2
        && frame.precision() == 8
        && (frame.components() == 1 || frame.components() == 3);
  }

  /**
   * Writes the tensor of the JPEG {@code encoded}, whose {@code header} passed the limits, into
   * {@code out} from float index {@code start}; false (nothing written) when the native path does
   * not take or cannot decode it.
   */
  boolean preprocessInto(
      byte[] encoded,
      ImageHeader header,
      Geometry geometry,
      PreprocessProfile profile,
      FloatBuffer out,
      int start) {
    try (PointerScope scope = new PointerScope()) {
      Mat input = warped(encoded, header, geometry, S, S);
      if (input == null) {
        return false;
      }
      normalise(input, profile, out, start);
      return true;
    } catch (RuntimeException e) { // cv::Exception; ImageIO decides about this file
      return false;
    }
  }

  /**
   * Writes the whole oriented JPEG {@code encoded} resized to {@code height} x {@code width} as
   * 8-bit RGB, HWC, into {@code out} from byte index {@code start} (a fused model's input, {@link
   * ImagePreprocessor#pixelsInto}); false (nothing written) when the native path does not take or
   * cannot decode it.
   */
  boolean pixelsInto(
      byte[] encoded, ImageHeader header, ByteBuffer out, int start, int height, int width) {
    try (PointerScope scope = new PointerScope()) {
      Mat input = warped(encoded, header, new Geometry(width, height, 0, 0), height, width);
      if (input == null) {
        return false;
      }
      rgbInto(input, out, start);
      return true;
    } catch (RuntimeException e) { // cv::Exception; ImageIO decides about this file
      return false;
    }
  }

  /**
   * The JPEG decoded with DCT scaling and sampled onto {@code height} x {@code width} (BGR, 8-bit),
   * in the caller's scope; null when the native path does not take or cannot decode it.
   */
  private Mat warped(byte[] encoded, ImageHeader header, Geometry geometry, int height, int width) {
    try {
      if (!takes(JpegHeaderParser.frame(encoded))) {
        return null;
      }
    } catch (ImageRejectedException e) {
      return null;
    }
    NativeWarp warp = NativeWarp.of(header, geometry, dctScaling);
    Mat decoded = decode(encoded, warp);
    if (decoded.empty()
        || decoded.cols() != warp.decodedSize(header.width())
        || decoded.rows() != warp.decodedSize(header.height())
        || decoded.channels() != 3) {
      return null;
    }
    Mat input = new Mat();
    Mat matrix = new Mat(2, 3, CV_64F, new DoublePointer(warp.matrix()));
    warpAffine(
        decoded,
        input,
        matrix,
        new Size(width, height),
        INTER_LINEAR | WARP_INVERSE_MAP,
        BORDER_REPLICATE,
        new Scalar());
    return input;
  }

  private static Mat decode(byte[] encoded, NativeWarp warp) {
    BytePointer bytes = new BytePointer(encoded);
    Mat buffer = new Mat(1, encoded.length, CV_8UC1, bytes);
    return imdecode(buffer, flags(warp.reduction()) | IMREAD_IGNORE_ORIENTATION);
  }

  private static int flags(int reduction) {
    switch (reduction) {
      case 2:
        return IMREAD_REDUCED_COLOR_2;
      case 4:
        return IMREAD_REDUCED_COLOR_4;
      case 8:
        return IMREAD_REDUCED_COLOR_8;
      default:
        return IMREAD_COLOR;
    }
  }

  /** (value - mean) * scale per output channel, from the BGR input, into CHW floats. */
  private static void normalise(Mat bgr, PreprocessProfile profile, FloatBuffer out, int start) {
    Normalization n = Normalization.of(profile, BGR);
    boolean direct = out.isDirect() && !out.isReadOnly() && out.order() == ByteOrder.nativeOrder();
    // A pointer over the whole buffer from index 0 (its position ignored), or a native scratch.
    FloatPointer target =
        direct ? new FloatPointer(out.duplicate().clear()) : new FloatPointer(3L * PLANE);
    long offset = direct ? start : 0;
    Mat channel = new Mat();
    for (int c = 0; c < 3; c++) {
      Mat plane = new Mat(S, S, CV_32FC1, target.getPointer(offset + (long) c * PLANE));
      extractChannel(bgr, channel, n.channels()[c]);
      double scale = n.scale()[c];
      channel.convertTo(plane, CV_32F, scale, -n.mean()[c] * scale);
    }
    if (!direct) {
      float[] values = new float[3 * PLANE];
      target.get(values);
      out.put(start, values);
    }
  }

  /** The BGR pixels as RGB, HWC, into {@code out} from byte index {@code start}. */
  private static void rgbInto(Mat bgr, ByteBuffer out, int start) {
    int bytes = bgr.rows() * bgr.cols() * 3;
    boolean direct = out.isDirect() && !out.isReadOnly();
    // A pointer over the whole buffer from index 0 (its position ignored), or a native scratch.
    BytePointer whole = direct ? new BytePointer(out.duplicate().clear()) : new BytePointer(bytes);
    BytePointer target = whole.getPointer(direct ? start : 0);
    Mat rgb = new Mat(bgr.rows(), bgr.cols(), CV_8UC3, target);
    cvtColor(bgr, rgb, COLOR_BGR2RGB);
    if (rgb.data().address() != target.address()) {
      throw new IllegalStateException("OpenCV wrote the pixels elsewhere");
    }
    if (!direct) {
      byte[] values = new byte[bytes];
      target.get(values);
      out.put(start, values);
    }
  }
}
