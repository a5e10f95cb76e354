package googlenet.streams.image;

/**
 * Run in a child JVM by {@link DecoderModeTest} with a platform whose natives are not in the jar:
 * prints what {@code auto} and {@code native} do when the native library cannot load.
 */
public final class NativeUnavailableMain {
  private NativeUnavailableMain() {}

  /** Prints {@code auto -> <decoder>} and {@code native -> <decoder or refusal>}. */
  public static void main(String[] args) throws Exception {
    ImagePreprocessor auto =
        new ImagePreprocessor(PreprocessProfile.CAFFE_BGR, ImageLimits.DEFAULT, DecoderMode.AUTO);
    System.out.println("auto -> " + auto.decoder().id());
    byte[] jpeg = googlenet.streams.tools.fixtures.SampleImages.jpeg(64, 48, 1);
    System.out.println("auto decodes " + auto.preprocess(jpeg).length + " floats");
    try {
      new ImagePreprocessor(PreprocessProfile.CAFFE_BGR, ImageLimits.DEFAULT, DecoderMode.NATIVE);
      System.out.println("native -> started");
    } catch (IllegalStateException e) {
      System.out.println("native -> refused: " + e.getMessage());
    }
  }
}
