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
