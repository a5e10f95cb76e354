package googlenet.streams.inference;

/**
 * What one image is in a model's input: CHW floats (3 x 224 x 224, preprocessed on the host) or,
 * for a model with the preprocessing fused in ({@code model prepare --fuse-preprocess}), HWC uint8
 * RGB pixels at the model's fixed size, which the model resizes and normalises itself.
 *
 * @param uint8 true for uint8 HWC pixels, false for float CHW tensors
 * @param height image height in the input
 * @param width image width in the input
 */
public record ImageInput(boolean uint8, int height, int width) {
  /** The float input every preprocessing profile produces: CHW, 3 x 224 x 224. */
  public static final ImageInput FLOAT_CHW = new ImageInput(false, 224, 224);

  /** Channels per pixel. */
  public static final int CHANNELS = 3;

  /** Bytes per image: 4 per value for floats, 1 for uint8. */
  public int bytes() {
    return height * width * CHANNELS * (uint8 ? 1 : Float.BYTES);
  }

  /** The tensor shape of a batch: [N, H, W, 3] for uint8, [N, 3, H, W] for floats. */
  long[] batchShape(int batch) {
    return uint8
        ? new long[] {batch, height, width, CHANNELS}
        : new long[] {batch, CHANNELS, height, width};
  }

  /** E.g. {@code uint8 [N,224,224,3]}. */
  @Override
  public String toString() {
    return uint8
        ? "uint8 [N," + height + "," + width + ",3]"
        : "float [N,3," + height + "," + width + "]";
  }
}
