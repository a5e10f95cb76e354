package googlenet.streams.image;

/**
 * EXIF orientation as address arithmetic: the displayed pixel (x, y) is stored at {@code base + x *
 * stepX + y * stepY} in the decoded raster, so no rotated copy is ever made.
 */
record Orientation(int base, int stepX, int stepY) {
  static Orientation of(int exif, PixelSource s) {
    int ps = s.pixelStride();
    int rs = s.rowStride();
    int lastX = (s.width() - 1) * ps;
    int lastY = (s.height() - 1) * rs;
    int o = s.offset();
    switch (exif) {
      case 2: // mirrored horizontally
        return new Orientation(o + lastX, -ps, rs);
      case 3: // rotated 180
        return new Orientation(o + lastX + lastY, -ps, -rs);
      case 4: // mirrored vertically
        return new Orientation(o + lastY, ps, -rs);
      case 5: // transposed
        return new Orientation(o, rs, ps);
      case 6: // stored rotated 90 counter-clockwise: display turns it 90 clockwise
        return new Orientation(o + lastY, -rs, ps);
      case 7: // transversed
        return new Orientation(o + lastX + lastY, -rs, -ps);
      case 8: // stored rotated 90 clockwise: display turns it 90 counter-clockwise
        return new Orientation(o + lastX, rs, -ps);
      default:
        return new Orientation(o, ps, rs);
    }
  }
}
