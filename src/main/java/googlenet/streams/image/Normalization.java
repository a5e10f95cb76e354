package googlenet.streams.image;

/**
 * Per output channel: which source channel feeds it and how it is normalised, {@code (value - mean)
 * * scale} on the 0-255 scale.
 */
record Normalization(int[] channels, float[] mean, float[] scale) {

  static Normalization of(PreprocessProfile profile, PixelSource s) {
    int[] rgb = {s.red(), s.green(), s.blue()};
    int[] order = profile.sourceChannels();
    return new Normalization(
        new int[] {rgb[order[0]], rgb[order[1]], rgb[order[2]]}, profile.mean(), profile.scale());
  }
}
