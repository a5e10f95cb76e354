package googlenet.streams.image;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How decoded pixels become the model's input tensor. */
public enum PreprocessProfile {
  /**
   * The ONNX model zoo's BVLC GoogLeNet: RGB resized to 224x224 (no crop), minus the means R
   * 123.68, G 116.779, B 103.939, channels in BGR order, CHW, 0-255 scale.
   */
  CAFFE_BGR,
  /**
   * torchvision's GoogLeNet: shorter side resized to 256, centre crop 224, scaled to [0, 1],
   * normalised with mean (0.485, 0.456, 0.406) and std (0.229, 0.224, 0.225), RGB, CHW.
   */
  TORCHVISION_RGB;

  private static final float[] CAFFE_BGR_MEAN = {103.939f, 116.779f, 123.68f};
  private static final double[] TORCH_MEAN = {0.485, 0.456, 0.406};
  private static final double[] TORCH_STD = {0.229, 0.224, 0.225};

  /** For each model input channel, the RGB channel (0 red, 1 green, 2 blue) it is read from. */
  public int[] sourceChannels() {
    return this == CAFFE_BGR ? new int[] {2, 1, 0} : new int[] {0, 1, 2};
  }

  /** For each model input channel, the mean subtracted from its 0-255 value. */
  public float[] mean() {
    if (this == CAFFE_BGR) {
      return CAFFE_BGR_MEAN.clone();
    }
    float[] mean = new float[3];
    for (int c = 0; c < 3; c++) {
      mean[c] = (float) (255 * TORCH_MEAN[c]);
    }
    return mean;
  }

  /** For each model input channel, the factor applied after the mean is subtracted. */
  public float[] scale() {
    if (this == CAFFE_BGR) {
      return new float[] {1, 1, 1};
    }
    float[] scale = new float[3];
    for (int c = 0; c < 3; c++) {
      scale[c] = (float) (1 / (255 * TORCH_STD[c]));
    }
    return scale;
  }

  /**
   * Whether the profile is a plain resize of the whole image to the model's size (no crop), so that
   * it can run inside the model on fixed-size uint8 images ({@code model prepare
   * --fuse-preprocess}).
   */
  public boolean plainResize() {
    return this == CAFFE_BGR;
  }

  /** The name used in configuration and on the command line, e.g. {@code caffe-bgr}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /**
   * Parses a profile name such as {@code caffe-bgr}.
   *
   * @throws IllegalArgumentException naming the bad value and the accepted ones
   */
  public static PreprocessProfile fromId(String id) {
    for (PreprocessProfile p : values()) {
      if (p.id().equals(id)) {
        return p;
      }
    }
    throw new IllegalArgumentException(
        "unknown preprocessing profile '"
            + id
            + "'; use one of "
            + Arrays.stream(values()).map(PreprocessProfile::id).collect(Collectors.joining(", ")));
  }
}
