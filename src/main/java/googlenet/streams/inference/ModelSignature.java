package googlenet.streams.inference;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.util.Arrays;
import java.util.Map;

/**
 * The input and output a session is run with, discovered from the session itself.
 *
 * @param inputName the first input, e.g. {@code data_0}
 * @param input what one image is in it: CHW floats, or HWC uint8 pixels for a fused model
 * @param outputName {@code prob_1} when present, else the first output shaped [N, classes]
 * @param fixedBatch true when the input's batch dimension is fixed at 1
 * @param classes the output's last dimension
 */
record ModelSignature(
    String inputName, ImageInput input, String outputName, boolean fixedBatch, int classes) {
  static final String PREFERRED_OUTPUT = "prob_1";

  /** The per-image input every preprocessing profile produces: CHW, 3 x 224 x 224. */
  static final long[] IMAGE_SHAPE = {3, 224, 224};

  /** Floats per image in a float input tensor. */
  int imageFloats() {
    return input.bytes() / Float.BYTES;
  }

  /** The tensor shape for a batch of {@code batch} images. */
  long[] batchShape(int batch) {
    return input.batchShape(batch);
  }

  /** Reads the signature of an open session; refuses models that do not take an image batch. */
  static ModelSignature of(OrtSession session, String model)
      throws OrtException, InferenceException {
    NodeInfo input = session.getInputInfo().values().iterator().next();
    long[] shape = shapeOf(input);
    long[] perImage = shape.length > 0 ? Arrays.copyOfRange(shape, 1, shape.length) : shape;
    ImageInput image = uint8Pixels(input, perImage) ? pixels(perImage) : ImageInput.FLOAT_CHW;
    if (!image.uint8() && !Arrays.equals(perImage, IMAGE_SHAPE)) {
      throw new InferenceException(
          "model "
              + model
              + ": input '"
              + input.getName()
              + "' has shape "
              + Arrays.toString(shape)
              + "; the preprocessing produces image batches [N, 3, 224, 224] (or uint8 [N, H, W, 3]"
              + " for a model made by 'model prepare --fuse-preprocess'), so use a model with"
              + " that input",
          true,
          null);
    }
    NodeInfo output = chooseOutput(session.getOutputInfo(), model);
    long[] outShape = shapeOf(output);
    return new ModelSignature(
        input.getName(),
        image,
        output.getName(),
        shape[0] == 1,
        (int) outShape[outShape.length - 1]);
  }

  /** A uint8 input [N, H, W, 3] with a fixed size: a model with the preprocessing fused in. */
  private static boolean uint8Pixels(NodeInfo input, long[] perImage) {
    return input.getInfo() instanceof TensorInfo tensor
        && tensor.type == OnnxJavaType.UINT8
        && perImage.length == 3
        && perImage[0] > 0
        && perImage[1] > 0
        && perImage[2] == ImageInput.CHANNELS;
  }

  private static ImageInput pixels(long[] perImage) {
    return new ImageInput(true, (int) perImage[0], (int) perImage[1]);
  }

  private static NodeInfo chooseOutput(Map<String, NodeInfo> outputs, String model)
      throws InferenceException {
    if (outputs.containsKey(PREFERRED_OUTPUT) && isClassOutput(outputs.get(PREFERRED_OUTPUT))) {
      return outputs.get(PREFERRED_OUTPUT);
    }
    for (NodeInfo output : outputs.values()) {
      if (isClassOutput(output)) {
        return output;
      }
    }
    throw new InferenceException(
        "model "
            + model
            + " has no output shaped [N, classes] among "
            + outputs.values().stream().map(o -> o.getName() + o.getInfo()).toList(),
        true,
        null);
  }

  private static boolean isClassOutput(NodeInfo output) {
    long[] shape = shapeOf(output);
    return shape.length == 2 && shape[1] > 1;
  }

  private static long[] shapeOf(NodeInfo node) {
    return node.getInfo() instanceof TensorInfo tensor ? tensor.getShape() : new long[0];
  }
}
