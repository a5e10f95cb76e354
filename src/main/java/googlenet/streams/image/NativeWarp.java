package googlenet.streams.image;

/**
 * The one affine map the native path samples with: from a pixel of the model's 224x224 input to the
 * decoded (DCT-scaled, stored, not yet oriented) image. It folds in, like {@link Resampler}: the
 * profile's resize with half-pixel centres ({@code src = (dst + 0.5) * scale - 0.5}) and crop, EXIF
 * orientation, and the decoder's 1/{@code reduction} DCT scaling, where decoded pixel k covers
 * original pixels {@code [k * reduction, (k + 1) * reduction)}.
 *
 * @param reduction the DCT scaling denominator: 1, 2, 4 or 8
 * @param ax output x to oriented decoded x: scale
 * @param bx output x to oriented decoded x: offset
 * @param ay output y to oriented decoded y: scale
 * @param by output y to oriented decoded y: offset
 * @param orientation EXIF orientation 1..8
 * @param w the stored width over the reduction (flips mirror about it, not the rounded-up size)
 * @param h the stored height over the reduction
 */
record NativeWarp(
    int reduction,
    double ax,
    double bx,
    double ay,
    double by,
    int orientation,
    double w,
    double h) {
  private static final int MAX_REDUCTION = 8;

  /**
   * The map for an image with {@code header}, resized and cropped as {@code geometry} says; with
   * {@code dctScaling} the largest reduction that still leaves at least the resized size along both
   * axes (640x480 is decoded at 320x240 for caffe-bgr's 224x224).
   */
  static NativeWarp of(ImageHeader header, Geometry geometry, boolean dctScaling) {
    long ow = header.transposed() ? header.height() : header.width();
    long oh = header.transposed() ? header.width() : header.height();
    int r = 1;
    while (dctScaling
        && r < MAX_REDUCTION
        && ow / (2L * r) >= geometry.resizedWidth()
        && oh / (2L * r) >= geometry.resizedHeight()) {
      r *= 2;
    }
    double sx = (double) ow / geometry.resizedWidth();
    double sy = (double) oh / geometry.resizedHeight();
    return new NativeWarp(
        r,
        sx / r,
        (geometry.left() + 0.5) * sx / r - 0.5,
        sy / r,
        (geometry.top() + 0.5) * sy / r - 0.5,
        header.orientation(),
        (double) header.width() / r,
        (double) header.height() / r);
  }

  /** The decoded width the decoder must produce for a stored width: ceil(width / reduction). */
  long decodedSize(long stored) {
    return (stored + reduction - 1) / reduction;
  }

  /**
   * The 2x3 inverse map, row-major, for OpenCV's {@code warpAffine} with {@code WARP_INVERSE_MAP}:
   * {@code src = M * (x, y, 1)}.
   */
  double[] matrix() {
    double fx = w - 1 - bx;
    double fy = h - 1 - by;
    double gx = h - 1 - bx; // a flipped oriented x that runs along the stored rows
    double gy = w - 1 - by; // a flipped oriented y that runs along the stored columns
    switch (orientation) {
      case 2: // mirrored horizontally
        return new double[] {-ax, 0, fx, 0, ay, by};
      case 3: // rotated 180
        return new double[] {-ax, 0, fx, 0, -ay, fy};
      case 4: // mirrored vertically
        return new double[] {ax, 0, bx, 0, -ay, fy};
      case 5: // transposed
        return new double[] {0, ay, by, ax, 0, bx};
      case 6: // stored rotated 90 counter-clockwise
        return new double[] {0, ay, by, -ax, 0, gx};
      case 7: // transversed
        return new double[] {0, -ay, gy, -ax, 0, gx};
      case 8: // stored rotated 90 clockwise
        return new double[] {0, -ay, gy, ax, 0, bx};
      default:
        return new double[] {ax, 0, bx, 0, ay, by};
    }
  }
}
