package googlenet.streams.inference;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/** Inputs and model variants for engine tests. */
final class EngineInputs {
  static final int IMAGE_FLOATS = 3 * 224 * 224;

  private EngineInputs() {}

  /** {@code count} images of seeded noise on the Caffe scale, in a direct native-order buffer. */
  static FloatBuffer images(int count, long seed) {
    FloatBuffer buffer =
        ByteBuffer.allocateDirect(count * IMAGE_FLOATS * Float.BYTES)
            .order(ByteOrder.nativeOrder())
            .asFloatBuffer();
    Random random = new Random(seed);
    for (int i = 0; i < count * IMAGE_FLOATS; i++) {
      buffer.put(i, (float) (random.nextGaussian() * 60));
    }
    return buffer;
  }

  /** Image {@code index} of {@code batch} copied into a buffer of its own. */
  static FloatBuffer image(FloatBuffer batch, int index) {
    FloatBuffer one = images(1, 0);
    for (int i = 0; i < IMAGE_FLOATS; i++) {
      one.put(i, batch.get(index * IMAGE_FLOATS + i));
    }
    return one;
  }

  /**
   * Writes a copy of {@code model} without its final Softmax: the node that fed the Softmax now
   * writes the graph output itself, so the model outputs logits under the same name.
   */
  static Path logitsVariant(Path model, Path out) throws IOException {
    ModelProto proto = ModelProto.parseFrom(Files.readAllBytes(model));
    GraphProto.Builder graph = proto.getGraph().toBuilder();
    String output = graph.getOutput(0).getName();
    int softmax = -1;
    for (int i = 0; i < graph.getNodeCount(); i++) {
      NodeProto node = graph.getNode(i);
      if (node.getOpType().equals("Softmax") && node.getOutput(0).equals(output)) {
        softmax = i;
      }
    }
    if (softmax < 0) {
      throw new IllegalStateException(model + " has no Softmax producing " + output);
    }
    String logits = graph.getNode(softmax).getInput(0);
    graph.removeNode(softmax);
    for (NodeProto.Builder node : graph.getNodeBuilderList()) {
      for (int o = 0; o < node.getOutputCount(); o++) {
        if (node.getOutput(o).equals(logits)) {
          node.setOutput(o, output);
        }
      }
    }
    Files.write(out, proto.toBuilder().setGraph(graph).build().toByteArray());
    return out;
  }

  /**
   * Writes a copy of a fixed-batch model whose input dimension 0 is made symbolic but whose Reshape
   * still pins [1, C]: it loads, runs a batch of 1, and fails at run time on larger batches, like a
   * half-done {@code model prepare}.
   */
  static Path halfPreparedVariant(Path fixedBatchModel, Path out) throws IOException {
    ModelProto proto = ModelProto.parseFrom(Files.readAllBytes(fixedBatchModel));
    GraphProto.Builder graph = proto.getGraph().toBuilder();
    graph
        .getInputBuilder(0)
        .getTypeBuilder()
        .getTensorTypeBuilder()
        .getShapeBuilder()
        .getDimBuilder(0)
        .setDimParam("N");
    Files.write(out, proto.toBuilder().setGraph(graph).build().toByteArray());
    return out;
  }
}
