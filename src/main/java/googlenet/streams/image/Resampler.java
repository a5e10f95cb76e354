package googlenet.streams.image;

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
  private static final float INV_ONE_SQ = 1f / (ONE * ONE);

  private Resampler() {}

  /** Writes 3 x SIZE x SIZE floats into {@code out} from float index {@code start}. */
  static void write(
      PixelSource src, int orientation, PreprocessProfile profile, FloatBuffer out, int start) {
    boolean transposed = orientation >= 5;
    int ow = transposed ? src.height() : src.width();
    int oh = transposed ? src.width() : src.height();
    Geometry g = Geometry.of(profile, ow, oh);
    Orientation o = Orientation.of(orientation, src);
    Axis xs = Axis.of(ow, g.resizedWidth(), g.left(), o.stepX());
    Axis ys = Axis.of(oh, g.resizedHeight(), g.top(), o.stepY());
    Normalization n = Normalization.of(profile, src);
    sample(src.data(), o.base(), xs, ys, n, out, start);
  }

  private static void sample(
      byte[] d, int base, Axis xs, Axis ys, Normalization n, FloatBuffer out, int start) {
    float[][] rows = new float[3][SIZE];
    int[] ch = n.channels();
    for (int y = 0; y < SIZE; y++) {
      int r0 = base + ys.off0()[y];
      int r1 = base + ys.off1()[y];
      int wy = ys.weight()[y];
      int iwy = ONE - wy;
      for (int x = 0; x < SIZE; x++) {
        int c0 = xs.off0()[x];
        int c1 = xs.off1()[x];
        int wx = xs.weight()[x];
        int iwx = ONE - wx;
        for (int c = 0; c < 3; c++) {
          int k = ch[c];
          int top = (d[r0 + c0 + k] & 0xFF) * iwx + (d[r0 + c1 + k] & 0xFF) * wx;
          int bottom = (d[r1 + c0 + k] & 0xFF) * iwx + (d[r1 + c1 + k] & 0xFF) * wx;
          float v = (top * iwy + bottom * wy) * INV_ONE_SQ;
          rows[c][x] = (v - n.mean()[c]) * n.scale()[c];
        }
      }
      for (int c = 0; c < 3; c++) {
        out.put(start + (c * SIZE + y) * SIZE, rows[c], 0, SIZE);
      }
    }
  }

  /** Sample positions along one axis: two source offsets and the weight of the second. */
  private record Axis(int[] off0, int[] off1, int[] weight) {
    static Axis of(int source, int resized, int cropStart, int step) {
      int[] off0 = new int[SIZE];
      int[] off1 = new int[SIZE];
      int[] weight = new int[SIZE];
      double scale = (double) source / resized;
      for (int i = 0; i < SIZE; i++) {
        double u = Math.max(0, (i + cropStart + 0.5) * scale - 0.5);
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
