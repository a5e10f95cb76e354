package googlenet.streams.image;

/**
 * Where the model's 224x224 input sits in the resized image: the size the whole (oriented) image is
 * resized to, and the top-left corner of the crop taken from it.
 */
record Geometry(int resizedWidth, int resizedHeight, int left, int top) {
  private static final int TORCHVISION_RESIZE = 256;

  /** The geometry of {@code profile} for an oriented image of {@code width} x {@code height}. */
  static Geometry of(PreprocessProfile profile, int width, int height) {
    int size = Resampler.SIZE;
    if (profile == PreprocessProfile.CAFFE_BGR) {
      return new Geometry(size, size, 0, 0);
    }
    // torchvision Resize(256): shorter side to 256, longer side int(256 * long / short);
    // CenterCrop(224): offsets int(round((resized - 224) / 2)), Python rounding half to even.
    int rw;
    int rh;
    if (width <= height) {
      rw = TORCHVISION_RESIZE;
      rh = longSide(height, width);
    } else {
      rh = TORCHVISION_RESIZE;
      rw = longSide(width, height);
    }
    return new Geometry(
        rw, rh, (int) Math.rint((rw - size) / 2.0), (int) Math.rint((rh - size) / 2.0));
  }

  /** The resized long side, capped so that extreme aspect ratios cannot overflow. */
  private static int longSide(long longSide, long shortSide) {
    return (int) Math.min(1 << 30, TORCHVISION_RESIZE * longSide / shortSide);
  }

  /**
   * The decoder subsampling for an image of {@code width} x {@code height}: the largest power of
   * two that still leaves at least twice the resized size along both axes, so a 640x480 image is
   * decoded in full for both profiles and a 4000x3000 photo at 1/4 for caffe-bgr.
   */
  int subsampling(long width, long height) {
    int s = 1;
    while (width / (2L * s) >= 2L * resizedWidth && height / (2L * s) >= 2L * resizedHeight) {
      s *= 2;
    }
    return s;
  }
}
