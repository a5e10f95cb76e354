package googlenet.streams.model;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Shapes of a convolutional graph's tensors, found by walking its nodes in order from the input's
 * declared shape and the initializers' dimensions (a small shape inference for the ops an image
 * classifier uses). A dimension that cannot be known (a symbolic batch, an op not modelled here) is
 * -1; tensors after an unmodelled op have no shape.
 */
final class TensorShapes {
  /** Ops whose output has the shape of their first input. */
  private static final Set<String> SAME_SHAPE =
      Set.of(
          "Relu",
          "LRN",
          "Dropout",
          "Identity",
          "BatchNormalization",
          "Cast",
          "Clip",
          "Sigmoid",
          "Tanh",
          "Softmax",
          "Sub",
          "Add",
          "Mul",
          "Div",
          "LeakyRelu");

  private final Map<String, long[]> shapes = new HashMap<>();
  private final Map<String, TensorProto> initializers = new HashMap<>();

  private TensorShapes() {}

  /** Walks {@code graph} once. */
  static TensorShapes of(GraphProto graph) {
    TensorShapes walk = new TensorShapes();
    for (TensorProto t : graph.getInitializerList()) {
      walk.initializers.put(t.getName(), t);
      walk.shapes.put(t.getName(), t.getDimsList().stream().mapToLong(Long::longValue).toArray());
    }
    for (ValueInfoProto input : graph.getInputList()) {
      if (!walk.initializers.containsKey(input.getName()) && input.getType().hasTensorType()) {
        walk.shapes.put(
            input.getName(),
            input.getType().getTensorType().getShape().getDimList().stream()
                .mapToLong(d -> d.hasDimValue() ? d.getDimValue() : -1)
                .toArray());
      }
    }
    graph.getNodeList().forEach(walk::infer);
    return walk;
  }

  /** The shape of a tensor, when known. */
  Optional<long[]> shape(String tensor) {
    return Optional.ofNullable(shapes.get(tensor)).map(long[]::clone);
  }

  /** The initializer of that name, when there is one. */
  Optional<TensorProto> initializer(String name) {
    return Optional.ofNullable(initializers.get(name));
  }

  private void infer(NodeProto node) {
    if (node.getInputCount() == 0 || node.getOutputCount() == 0) {
      return;
    }
    long[] in = shapes.get(node.getInput(0));
    if (in == null) {
      return;
    }
    long[] out =
        switch (node.getOpType()) {
          case "Conv" -> conv(node, in);
          case "MaxPool", "AveragePool" -> pool(node, in, ints(node, "kernel_shape", 1, 1));
          case "GlobalAveragePool", "GlobalMaxPool" -> new long[] {in[0], in[1], 1, 1};
          case "Concat" -> concat(node, in);
          case "Transpose" -> transpose(node, in);
          case "Resize" -> resize(node, in);
          case "Gather" -> gather(node, in);
          case "Flatten" -> new long[] {in[0], product(Arrays.copyOfRange(in, 1, in.length))};
          case "Gemm" -> gemm(node, in);
          default -> SAME_SHAPE.contains(node.getOpType()) ? in.clone() : null;
        };
    if (out != null) {
      shapes.put(node.getOutput(0), out);
    }
  }

  private long[] conv(NodeProto node, long[] in) {
    long[] weights = shapes.get(node.getInput(1));
    if (weights == null || weights.length != 4 || in.length != 4) {
      return null;
    }
    long[] pooled = pool(node, in, new long[] {weights[2], weights[3]});
    pooled[1] = weights[0];
    return pooled;
  }

  /** Output of a 2-D sliding window (Conv, MaxPool, AveragePool) over an NCHW input. */
  private static long[] pool(NodeProto node, long[] in, long[] kernel) {
    if (in.length != 4) {
      return null;
    }
    long[] strides = ints(node, "strides", 1, 1);
    long[] dilations = ints(node, "dilations", 1, 1);
    long[] pads = ints(node, "pads", 0, 0, 0, 0);
    String autoPad = string(node, "auto_pad").orElse("NOTSET");
    boolean ceil = integer(node, "ceil_mode").orElse(0L) == 1;
    long[] out = in.clone();
    for (int axis = 0; axis < 2; axis++) {
      long size = in[axis + 2];
      long span = (kernel[axis] - 1) * dilations[axis] + 1;
      out[axis + 2] =
          size < 0
              ? -1
              : switch (autoPad) {
                case "SAME_UPPER", "SAME_LOWER" -> ceilDiv(size, strides[axis]);
                case "VALID" -> (size - span) / strides[axis] + 1;
                default -> window(size + pads[axis] + pads[axis + 2] - span, strides[axis], ceil);
              };
    }
    return out;
  }

  private static long window(long extent, long stride, boolean ceil) {
    return (ceil ? ceilDiv(extent, stride) : Math.floorDiv(extent, stride)) + 1;
  }

  private long[] concat(NodeProto node, long[] first) {
    int axis = axis(integer(node, "axis").orElse(1L), first.length);
    long[] out = first.clone();
    out[axis] = 0;
    for (String input : node.getInputList()) {
      long[] shape = shapes.get(input);
      if (shape == null || shape.length != first.length || shape[axis] < 0) {
        return null;
      }
      out[axis] += shape[axis];
    }
    return out;
  }

  private static long[] transpose(NodeProto node, long[] in) {
    long[] perm = ints(node, "perm");
    long[] out = new long[in.length];
    for (int i = 0; i < in.length; i++) {
      out[i] = in[perm.length == in.length ? (int) perm[i] : in.length - 1 - i];
    }
    return out;
  }

  private long[] resize(NodeProto node, long[] in) {
    if (node.getInputCount() < 4 || !initializers.containsKey(node.getInput(3))) {
      return null;
    }
    long[] sizes = Int64Tensors.values(initializers.get(node.getInput(3)));
    long[] axes = ints(node, "axes");
    if (axes.length == 0) {
      return sizes.length == in.length ? sizes : null;
    }
    long[] out = in.clone();
    for (int i = 0; i < axes.length && i < sizes.length; i++) {
      out[axis(axes[i], in.length)] = sizes[i];
    }
    return out;
  }

  private long[] gather(NodeProto node, long[] in) {
    long[] indices = shapes.get(node.getInput(1));
    if (indices == null || indices.length != 1) {
      return null;
    }
    long[] out = in.clone();
    out[axis(integer(node, "axis").orElse(0L), in.length)] = indices[0];
    return out;
  }

  private long[] gemm(NodeProto node, long[] in) {
    long[] weights = shapes.get(node.getInput(1));
    if (weights == null || weights.length != 2) {
      return null;
    }
    boolean transB = integer(node, "transB").orElse(0L) == 1;
    return new long[] {in[0], transB ? weights[0] : weights[1]};
  }

  private static int axis(long axis, int rank) {
    return (int) (axis < 0 ? axis + rank : axis);
  }

  private static long ceilDiv(long a, long b) {
    return -Math.floorDiv(-a, b);
  }

  static long product(long[] dims) {
    long product = 1;
    for (long d : dims) {
      if (d < 0) {
        return -1;
      }
      product *= d;
    }
    return product;
  }

  static long[] ints(NodeProto node, String name, long... fallback) {
    return attribute(node, name)
        .map(a -> a.getIntsList().stream().mapToLong(Long::longValue).toArray())
        .orElse(fallback);
  }

  static Optional<Long> integer(NodeProto node, String name) {
    return attribute(node, name).map(AttributeProto::getI);
  }

  private static Optional<String> string(NodeProto node, String name) {
    return attribute(node, name).map(a -> a.getS().toStringUtf8());
  }

  private static Optional<AttributeProto> attribute(NodeProto node, String name) {
    return node.getAttributeList().stream().filter(a -> a.getName().equals(name)).findFirst();
  }
}
