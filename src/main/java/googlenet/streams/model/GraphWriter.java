package googlenet.streams.model;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Appends layers of a convolutional network to an ONNX graph, with weights drawn from a seeded
 * generator in the order the layers are added (so the same seed always gives the same bytes).
 */
final class GraphWriter {
  private final GraphProto.Builder graph;
  private final SplittableRandom random;

  GraphWriter(GraphProto.Builder graph, long seed) {
    this.graph = graph;
    this.random = new SplittableRandom(seed);
  }

  /** Conv (He-scaled uniform weights, small biases) followed by Relu; returns the Relu output. */
  String convRelu(
      String name, String input, int inChannels, int outChannels, int kernel, int stride, int pad) {
    float bound = (float) Math.sqrt(3.0 * 2.0 / (inChannels * kernel * kernel));
    addFloats(
        name + "_w_0",
        uniform(outChannels * inChannels * kernel * kernel, bound),
        outChannels,
        inChannels,
        kernel,
        kernel);
    addFloats(name + "_b_0", uniform(outChannels, 0.01f), outChannels);
    String conv = name + "_1";
    String relu = name + "_2";
    graph.addNode(
        node("Conv", name, List.of(input, name + "_w_0", name + "_b_0"), conv)
            .addAttribute(OnnxAttributes.ints("kernel_shape", kernel, kernel))
            .addAttribute(OnnxAttributes.ints("strides", stride, stride))
            .addAttribute(OnnxAttributes.ints("pads", pad, pad, pad, pad))
            .addAttribute(OnnxAttributes.ints("dilations", 1, 1))
            .addAttribute(OnnxAttributes.integer("group", 1)));
    graph.addNode(node("Relu", name + "_relu", List.of(conv), relu));
    return relu;
  }

  /** MaxPool with explicit pads [top, left, bottom, right] (Caffe's ceil rounding as end pads). */
  String maxPool(String name, String input, int kernel, int stride, int... pads) {
    String out = name + "_1";
    graph.addNode(
        node("MaxPool", name, List.of(input), out)
            .addAttribute(OnnxAttributes.ints("kernel_shape", kernel, kernel))
            .addAttribute(OnnxAttributes.ints("strides", stride, stride))
            .addAttribute(OnnxAttributes.ints("pads", pads)));
    return out;
  }

  String averagePool(String name, String input, int kernel) {
    String out = name + "_1";
    graph.addNode(
        node("AveragePool", name, List.of(input), out)
            .addAttribute(OnnxAttributes.ints("kernel_shape", kernel, kernel))
            .addAttribute(OnnxAttributes.ints("strides", 1, 1))
            .addAttribute(OnnxAttributes.ints("pads", 0, 0, 0, 0)));
    return out;
  }

  /** Caffe's across-channel LRN: size 5, alpha 1e-4, beta 0.75, bias 1. */
  String lrn(String name, String input) {
    String out = name + "_1";
    graph.addNode(
        node("LRN", name, List.of(input), out)
            .addAttribute(OnnxAttributes.integer("size", 5))
            .addAttribute(OnnxAttributes.real("alpha", 1e-4f))
            .addAttribute(OnnxAttributes.real("beta", 0.75f))
            .addAttribute(OnnxAttributes.real("bias", 1f)));
    return out;
  }

  String concat(String name, List<String> inputs) {
    String out = name + "_1";
    graph.addNode(
        node("Concat", name, inputs, out).addAttribute(OnnxAttributes.integer("axis", 1)));
    return out;
  }

  /** Dropout (identity at inference); the ratio is a Constant node, not a parameter. */
  String dropout(String name, String input, float ratio) {
    String ratioName = name + "_ratio";
    graph.addNode(
        node("Constant", ratioName, List.of(), ratioName)
            .addAttribute(
                AttributeProto.newBuilder()
                    .setName("value")
                    .setType(AttributeProto.AttributeType.TENSOR)
                    .setT(floats(ratioName, new float[] {ratio}))));
    String out = name + "_1";
    graph.addNode(node("Dropout", name, List.of(input, ratioName), out));
    return out;
  }

  String flatten(String name, String input) {
    String out = name + "_1";
    graph.addNode(
        node("Flatten", name, List.of(input), out).addAttribute(OnnxAttributes.integer("axis", 1)));
    return out;
  }

  /** Reshape to a fixed shape held in an int64 initializer, as the model zoo's export does. */
  String reshape(String name, String input, long... shape) {
    String shapeName = name + "_shape";
    graph.addInitializer(
        TensorProto.newBuilder()
            .setName(shapeName)
            .setDataType(TensorProto.DataType.INT64_VALUE)
            .addDims(shape.length)
            .setRawData(ByteString.copyFrom(littleEndian(shape))));
    String out = name + "_1";
    graph.addNode(node("Reshape", name, List.of(input, shapeName), out));
    return out;
  }

  /** Fully connected layer y = x W^T + b, Xavier-scaled so the logits stay moderate. */
  String gemm(String name, String input, int inFeatures, int outFeatures, float weightBound) {
    addFloats(
        name + "_w_0", uniform(outFeatures * inFeatures, weightBound), outFeatures, inFeatures);
    addFloats(name + "_b_0", uniform(outFeatures, 0.01f), outFeatures);
    String out = name + "_1";
    graph.addNode(
        node("Gemm", name, List.of(input, name + "_w_0", name + "_b_0"), out)
            .addAttribute(OnnxAttributes.integer("transB", 1))
            .addAttribute(OnnxAttributes.real("alpha", 1f))
            .addAttribute(OnnxAttributes.real("beta", 1f)));
    return out;
  }

  String softmax(String name, String input, String out) {
    graph.addNode(
        node("Softmax", name, List.of(input), out).addAttribute(OnnxAttributes.integer("axis", 1)));
    return out;
  }

  private float[] uniform(int count, float bound) {
    float[] values = new float[count];
    for (int i = 0; i < count; i++) {
      values[i] = (float) ((random.nextDouble() * 2.0 - 1.0) * bound);
    }
    return values;
  }

  private void addFloats(String name, float[] values, long... dims) {
    TensorProto.Builder tensor = floats(name, values).toBuilder().clearDims();
    Arrays.stream(dims).forEach(tensor::addDims);
    graph.addInitializer(tensor);
  }

  private static TensorProto floats(String name, float[] values) {
    ByteBuffer bytes =
        ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    bytes.asFloatBuffer().put(values);
    TensorProto.Builder tensor =
        TensorProto.newBuilder()
            .setName(name)
            .setDataType(TensorProto.DataType.FLOAT_VALUE)
            .setRawData(ByteString.copyFrom(bytes.array()));
    if (values.length > 1) {
      tensor.addDims(values.length);
    }
    return tensor.build();
  }

  private static byte[] littleEndian(long[] values) {
    ByteBuffer bytes =
        ByteBuffer.allocate(values.length * Long.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    bytes.asLongBuffer().put(values);
    return bytes.array();
  }

  private static NodeProto.Builder node(
      String op, String name, List<String> inputs, String output) {
    return NodeProto.newBuilder().setOpType(op).setName(name).addAllInput(inputs).addOutput(output);
  }
}
