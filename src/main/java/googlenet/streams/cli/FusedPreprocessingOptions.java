package googlenet.streams.cli;

import googlenet.streams.image.PreprocessProfile;
import googlenet.streams.model.FusedPreprocessing;

/** Turns {@code model prepare}'s {@code --input-size} and {@code --profile} into what is fused. */
final class FusedPreprocessingOptions {
  private FusedPreprocessingOptions() {}

  /**
   * Parses {@code H,W} and a profile name.
   *
   * @throws IllegalArgumentException naming the bad value and what to give instead
   */
  static FusedPreprocessing parse(String inputSize, String profileId) {
    PreprocessProfile profile = PreprocessProfile.fromId(profileId);
    if (!profile.plainResize()) {
      throw new IllegalArgumentException(
          "--profile "
              + profileId
              + " resizes the shorter side and crops, which depends on each image's aspect ratio;"
              + " only caffe-bgr (a plain resize) can be fused");
    }
    String[] parts = inputSize.split(",", -1);
    try {
      if (parts.length == 2) {
        return new FusedPreprocessing(
            profile.id(),
            Integer.parseInt(parts[0].strip()),
            Integer.parseInt(parts[1].strip()),
            profile.sourceChannels(),
            profile.mean(),
            profile.scale());
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        "--input-size must be H,W such as 224,224, got '" + inputSize + "'");
  }
}
