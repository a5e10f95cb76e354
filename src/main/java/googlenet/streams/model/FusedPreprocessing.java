package googlenet.streams.model;

import java.util.Arrays;

/**
 * What {@link PreprocessFuser} puts in front of a model: the uint8 image size it takes and the
 * per-channel normalisation {@code (value - mean) * scale} (0-255 scale) of output channel c, read
 * from RGB channel {@code sourceChannels[c]}.
 *
 * @param name the preprocessing's name, written into the model's metadata, e.g. {@code caffe-bgr}
 * @param height height of the uint8 images the fused model takes
 * @param width width of the uint8 images the fused model takes
 * @param sourceChannels for each model channel, the RGB channel it comes from ({2, 1, 0} for BGR)
 * @param mean per model channel, subtracted first
 * @param scale per model channel, multiplied after
 */
public record FusedPreprocessing(
    String name, int height, int width, int[] sourceChannels, float[] mean, float[] scale) {

  /**
   * Validates and copies.
   *
   * @throws IllegalArgumentException naming the bad value
   */
  public FusedPreprocessing {
    if (height < 1 || width < 1 || height > 4096 || width > 4096) {
      throw new IllegalArgumentException(
          "input size must be between 1x1 and 4096x4096, got "
              + height
              + "x"
              + width
              + "; give --input-size H,W such as 224,224");
    }
    if (sourceChannels.length != 3 || mean.length != 3 || scale.length != 3) {
      throw new IllegalArgumentException("three channels expected, got " + sourceChannels.length);
    }
    sourceChannels = sourceChannels.clone();
    mean = mean.clone();
    scale = scale.clone();
  }

  /** Whether the model's channels are the RGB channels in order. */
  boolean keepsChannelOrder() {
    return Arrays.equals(sourceChannels, new int[] {0, 1, 2});
  }

  /** Whether every scale is 1. */
  boolean unitScale() {
    for (float s : scale) {
      if (s != 1f) {
        return false;
      }
    }
    return true;
  }
}
