package googlenet.streams.inference;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.util.Arrays;
import java.util.Map;

/**
 * The input and output a session is run with, discovered from the session itself.
 *
 * @param inputName the first input, e.g. {@code data_0}
 * @param inputShape its shape without the batch dimension, e.g. [3, 224, 224]
 * @param outputName {@code prob_1} when present, else the first output shaped [N, classes]
 * @param fixedBatch true when the input's batch dimension is fixed at 1
 * @param classes the output's last dimension
 */
record ModelSignature(
    String inputName, long[] inputShape, String outputName, boolean fixedBatch, int classes) {
  static final String PREFERRED_OUTPUT = "prob_1";

  /** The per-image input every preprocessing profile produces: CHW, 3 x 224 x 224. */
  static final long[] IMAGE_SHAPE = {3, 224, 224};

  /** Floats per image in the input tensor. */
  int imageFloats() {
    return (int) Arrays.stream(inputShape).reduce(1, (a, b) -> a * b);
  }

  /** The tensor shape for a batch of {@code batch} images. */
  long[] batchShape(int batch) {
    long[] shape = new long[inputShape.length + 1];
    shape[0] = batch;
    System.arraycopy(inputShape, 0, shape, 1, inputShape.length);
    return shape;
  }

  /** Reads the signature of an open session; refuses models that do not take an image batch. */
  static ModelSignature of(OrtSession session, String model)
      throws OrtException, InferenceException {
    NodeInfo input = session.getInputInfo().values().iterator().next();
    long[] shape = shapeOf(input);
    long[] perImage = shape.length > 0 ? Arrays.copyOfRange(shape, 1, shape.length) : shape;
    if (!Arrays.equals(perImage, IMAGE_SHAPE)) {
      throw new InferenceException(
          "model "
              + model
              + ": input '"
              + input.getName()
              + "' has shape "
              + Arrays.toString(shape)
              + "; the preprocessing produces image batches [N, 3, 224, 224], so use a model with"
              + " that input",
          true,
          null);
    }
    NodeInfo output = chooseOutput(session.getOutputInfo(), model);
    long[] outShape = shapeOf(output);
    return new ModelSignature(
        input.getName(),
        perImage,
        output.getName(),
        shape[0] == 1,
        (int) outShape[outShape.length - 1]);
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
