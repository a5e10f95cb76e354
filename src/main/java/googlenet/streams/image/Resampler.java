package googlenet.streams.image;

import java.nio.ByteBuffer;
import java.nio.FloatBuffer;

/**
 * Bilinear resampling of a {@link PixelSource} straight into a CHW float tensor, with EXIF
 * orientation and the profile's crop and normalisation folded into the sampling grid.
 *
 * <p>Interpolation: bilinear with half-pixel centres and edge clamping, like OpenCV's {@code
 * INTER_LINEAR} ({@code src = (dst + 0.5) * scale - 0.5}), with 11-bit fixed-point weights, so a
 * flat colour stays exactly that colour. No anti-aliasing filter is applied when shrinking (PIL and
 * torchvision do apply one), and values are not rounded to 8 bits before normalisation.
 */
final class Resampler {
  static final int SIZE = ImagePreprocessor.SIZE;
  private static final int ONE = 1 << 11;
  private static final float ONE_SQ = ONE * ONE;
  private static final float INV_ONE_SQ = 1f / ONE_SQ;
  private static final int HALF_SQ = 1 << 21;

  private Resampler() {}

  /**
   * Writes 3 x SIZE x SIZE floats into {@code out} from float index {@code start}.
   *
   * @param src the decoded pixels, as stored
   * @param header the header: original size and EXIF orientation
   * @param geometry resize and crop of the oriented original
   * @param subsampling the decoder's subsampling (1 when {@code src} has the header's size)
   */
  static void write(
      PixelSource src,
      ImageHeader header,
      Geometry geometry,
      int subsampling,
      PreprocessProfile profile,
      FloatBuffer out,
      int start) {
    boolean transposed = header.transposed();
    int ow = transposed ? src.height() : src.width();
    int oh = transposed ? src.width() : src.height();
    long originalW = transposed ? header.height() : header.width();
    long originalH = transposed ? header.width() : header.height();
    Orientation o = Orientation.of(header.orientation(), src);
    Axis xs =
        Axis.of(
            SIZE, ow, originalW, geometry.resizedWidth(), geometry.left(), o.stepX(), subsampling);
    Axis ys =
        Axis.of(
            SIZE, oh, originalH, geometry.resizedHeight(), geometry.top(), o.stepY(), subsampling);
    sample(src.data(), o.base(), xs, ys, Normalization.of(profile, src), out, start);
  }

  /**
   * Writes the whole oriented image resized to {@code height} x {@code width} as 8-bit RGB, HWC
   * (row by row, pixel by pixel, R G B), into {@code out} from byte index {@code start}: the same
   * sampling grid as {@link #write}, each value rounded to the nearest integer.
   */
  static void writePixels(
      PixelSource src,
      ImageHeader header,
      int subsampling,
      int height,
      int width,
      ByteBuffer out,
      int start) {
    boolean transposed = header.transposed();
    Orientation o = Orientation.of(header.orientation(), src);
    Axis xs =
        Axis.of(
            width,
            transposed ? src.height() : src.width(),
            transposed ? header.height() : header.width(),
            width,
            0,
            o.stepX(),
            subsampling);
    Axis ys =
        Axis.of(
            height,
            transposed ? src.width() : src.height(),
            transposed ? header.width() : header.height(),
            height,
            0,
            o.stepY(),
            subsampling);
    int[] rgb = {src.red(), src.green(), src.blue()};
    byte[] row = new byte[width * 3];
    byte[] d = src.data();
    for (int y = 0; y < height; y++) {
      int r0 = o.base() + ys.off0()[y];
      int r1 = o.base() + ys.off1()[y];
      int wy = ys.weight()[y];
      for (int x = 0; x < width; x++) {
        int a = r0 + xs.off0()[x];
        int b = r0 + xs.off1()[x];
        int c = r1 + xs.off0()[x];
        int e = r1 + xs.off1()[x];
        for (int k = 0; k < 3; k++) {
          int v = lerp(d, a + rgb[k], b + rgb[k], c + rgb[k], e + rgb[k], xs.weight()[x], wy);
          row[x * 3 + k] = (byte) ((v + HALF_SQ) >>> 22);
        }
      }
      out.put(start + y * width * 3, row);
    }
  }

  private static void sample(
      byte[] d, int base, Axis xs, Axis ys, Normalization n, FloatBuffer out, int start) {
    float[] row0 = new float[SIZE];
    float[] row1 = new float[SIZE];
    float[] row2 = new float[SIZE];
    int k0 = n.channels()[0];
    int k1 = n.channels()[1];
    int k2 = n.channels()[2];
    float m0 = n.mean()[0];
    float m1 = n.mean()[1];
    float m2 = n.mean()[2];
    float s0 = n.scale()[0] * INV_ONE_SQ;
    float s1 = n.scale()[1] * INV_ONE_SQ;
    float s2 = n.scale()[2] * INV_ONE_SQ;
    int[] xo0 = xs.off0();
    int[] xo1 = xs.off1();
    int[] xw = xs.weight();
    for (int y = 0; y < SIZE; y++) {
      int r0 = base + ys.off0()[y];
      int r1 = base + ys.off1()[y];
      int wy = ys.weight()[y];
      for (int x = 0; x < SIZE; x++) {
        int a = r0 + xo0[x];
        int b = r0 + xo1[x];
        int c = r1 + xo0[x];
        int e = r1 + xo1[x];
        int wx = xw[x];
        row0[x] = (lerp(d, a + k0, b + k0, c + k0, e + k0, wx, wy) - m0 * ONE_SQ) * s0;
        row1[x] = (lerp(d, a + k1, b + k1, c + k1, e + k1, wx, wy) - m1 * ONE_SQ) * s1;
        row2[x] = (lerp(d, a + k2, b + k2, c + k2, e + k2, wx, wy) - m2 * ONE_SQ) * s2;
      }
      int at = start + y * SIZE;
      out.put(at, row0, 0, SIZE);
      out.put(at + SIZE * SIZE, row1, 0, SIZE);
      out.put(at + 2 * SIZE * SIZE, row2, 0, SIZE);
    }
  }

  /** Bilinear blend of four samples with 11-bit weights; the result is scaled by 2^22. */
  private static int lerp(byte[] d, int p00, int p01, int p10, int p11, int wx, int wy) {
    int top = (d[p00] & 0xFF) * (ONE - wx) + (d[p01] & 0xFF) * wx;
    int bottom = (d[p10] & 0xFF) * (ONE - wx) + (d[p11] & 0xFF) * wx;
    return top * (ONE - wy) + bottom * wy;
  }

  /** Sample positions along one axis: two source offsets and the weight of the second. */
  private record Axis(int[] off0, int[] off1, int[] weight) {
    /**
     * {@code count} positions along an axis of {@code original} pixels resized to {@code resized},
     * sampled from the decoded axis of {@code source} pixels, where decoded pixel k is original
     * pixel {@code grid + k * subsampling}.
     */
    static Axis of(
        int count,
        int source,
        long original,
        int resized,
        int cropStart,
        int step,
        int subsampling) {
      int[] off0 = new int[count];
      int[] off1 = new int[count];
      int[] weight = new int[count];
      double scale = (double) original / resized;
      int grid = (subsampling - 1) / 2;
      for (int i = 0; i < count; i++) {
        double inOriginal = (i + cropStart + 0.5) * scale - 0.5;
        double u = Math.max(0, (inOriginal - grid) / subsampling);
        int i0 = Math.min((int) u, source - 1);
        int i1 = Math.min(i0 + 1, source - 1);
        off0[i] = i0 * step;
        off1[i] = i1 * step;
        weight[i] = (int) Math.min(ONE, Math.round((u - i0) * ONE));
      }
      return new Axis(off0, off1, weight);
    }
  }
}
