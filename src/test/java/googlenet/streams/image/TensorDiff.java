package googlenet.streams.image;

import java.util.Arrays;
import java.util.Locale;

/**
 * How far apart two model inputs are, on the 0-255 pixel scale (torchvision-rgb's normalised values
 * are scaled back by 255 * std): the largest, the 99th percentile and the mean absolute difference
 * per float.
 */
record TensorDiff(double max, double p99, double mean) {
  private static final double[] TORCH_STD = {0.229, 0.224, 0.225};
  private static final int PLANE = ImagePreprocessor.SIZE * ImagePreprocessor.SIZE;

  static TensorDiff of(PreprocessProfile profile, float[] a, float[] b) {
    double[] d = new double[a.length];
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      double unit = profile == PreprocessProfile.CAFFE_BGR ? 1 : 255 * TORCH_STD[i / PLANE];
      d[i] = Math.abs(a[i] - b[i]) * unit;
      sum += d[i];
    }
    Arrays.sort(d);
    return new TensorDiff(d[d.length - 1], d[(int) (d.length * 0.99)], sum / a.length);
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "max %6.2f p99 %5.2f mean %5.3f", max, p99, mean);
  }
}
