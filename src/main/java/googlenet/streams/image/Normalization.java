package googlenet.streams.image;

/**
 * Per output channel: which source channel feeds it and how it is normalised, {@code (value - mean)
 * * scale} on the 0-255 scale.
 */
record Normalization(int[] channels, float[] mean, float[] scale) {
  private static final float[] CAFFE_BGR_MEAN = {103.939f, 116.779f, 123.68f};
  private static final double[] TORCH_MEAN = {0.485, 0.456, 0.406};
  private static final double[] TORCH_STD = {0.229, 0.224, 0.225};

  static Normalization of(PreprocessProfile profile, PixelSource s) {
    if (profile == PreprocessProfile.CAFFE_BGR) {
      return new Normalization(
          new int[] {s.blue(), s.green(), s.red()}, CAFFE_BGR_MEAN.clone(), new float[] {1, 1, 1});
    }
    float[] mean = new float[3];
    float[] scale = new float[3];
    for (int c = 0; c < 3; c++) {
      mean[c] = (float) (255 * TORCH_MEAN[c]);
      scale[c] = (float) (1 / (255 * TORCH_STD[c]));
    }
    return new Normalization(new int[] {s.red(), s.green(), s.blue()}, mean, scale);
  }
}
