package googlenet.streams.model;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.google.protobuf.ByteString;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Puts the image preprocessing inside a model, in front of its graph, with standard ONNX operators
 * (opset 18): the fused model takes uint8 RGB images [N, H, W, 3] (NHWC, as decoded) and does Cast
 * to float, Transpose to NCHW, Resize to the original input's size (linear, half-pixel centres, no
 * anti-aliasing: the sampling grid of the Java preprocessing), the channel order (Gather) and
 * {@code (x - mean) * scale} (Sub, Mul) itself, so a GPU does that work and the host sends one byte
 * per value instead of four.
 *
 * <p>The original model must take one float image input [N, 3, h, w]; its graph is kept unchanged
 * (ops of opset 12 mean the same under 18 for GoogLeNet's layers) and reads the preprocessed tensor
 * under its old input name.
 */
public final class PreprocessFuser {
  /** Name of the fused model's uint8 image input. */
  public static final String INPUT = "image_uint8";

  /** Opset of the fused model: Resize with {@code axes} and {@code antialias} needs 18. */
  public static final int OPSET = 18;

  private static final String PREFIX = "preprocess/";

  private PreprocessFuser() {}

  /**
   * Reads {@code in}, makes it batchable ({@link BatchPatcher}), fuses the preprocessing and writes
   * the result atomically to {@code out}.
   *
   * @return the batch patcher's result on the fused model: its changes are those of the batch
   * @throws IllegalArgumentException if {@code in} is not an ONNX model taking one [N, 3, h, w]
   *     float input
   * @throws IOException if a file cannot be read or written
   */
  public static BatchPatcher.Result prepare(Path in, Path out, FusedPreprocessing preprocessing)
      throws IOException {
    BatchPatcher.Result batchable = BatchPatcher.patch(OnnxFiles.read(in));
    ModelProto fused = fuse(batchable.model(), preprocessing, in.toString());
    OnnxFiles.write(out, fused);
    return new BatchPatcher.Result(fused, batchable.changes());
  }

  /** Fuses the preprocessing into a model in memory; {@code source} names it in errors. */
  public static ModelProto fuse(ModelProto model, FusedPreprocessing p, String source) {
    GraphProto original = model.getGraph();
    ValueInfoProto input = imageInput(original, source);
    List<TensorShapeProto.Dimension> dims = input.getType().getTensorType().getShape().getDimList();
    GraphProto.Builder graph = original.toBuilder().clearInput().clearNode();
    graph.addInput(uint8Input(dims.get(0), p));
    original.getInputList().stream().filter(i -> i != input).forEach(graph::addInput);
    new Front(graph, p)
        .write(input.getName(), dims.get(2).getDimValue(), dims.get(3).getDimValue());
    graph.addAllNode(original.getNodeList());
    return model.toBuilder()
        .setIrVersion(Math.max(8, model.getIrVersion()))
        .clearOpsetImport()
        .addAllOpsetImport(opsets(model))
        .setGraph(graph)
        .addMetadataProps(entry("fused_preprocess", p.name()))
        .addMetadataProps(entry("fused_input_size", p.height() + "x" + p.width()))
        .build();
  }

  private static ValueInfoProto imageInput(GraphProto graph, String source) {
    List<String> initializers = graph.getInitializerList().stream().map(t -> t.getName()).toList();
    List<ValueInfoProto> inputs =
        graph.getInputList().stream().filter(i -> !initializers.contains(i.getName())).toList();
    ValueInfoProto input = inputs.isEmpty() ? null : inputs.get(0);
    if (inputs.size() != 1
        || input.getType().getTensorType().getElemType() != TensorProto.DataType.FLOAT_VALUE
        || input.getType().getTensorType().getShape().getDimCount() != 4
        || input.getType().getTensorType().getShape().getDim(1).getDimValue() != 3
        || !input.getType().getTensorType().getShape().getDim(2).hasDimValue()
        || !input.getType().getTensorType().getShape().getDim(3).hasDimValue()) {
      throw new IllegalArgumentException(
          "'"
              + source
              + "' does not take one float image input [N,3,H,W] (inputs: "
              + inputs.stream().map(i -> i.getName() + " " + i.getType().getTensorType()).toList()
              + "); fuse the preprocessing into a model such as the one 'model fetch' or 'model"
              + " synth' writes");
    }
    return input;
  }

  private static ValueInfoProto uint8Input(TensorShapeProto.Dimension batch, FusedPreprocessing p) {
    TensorShapeProto shape =
        TensorShapeProto.newBuilder()
            .addDim(batch)
            .addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(p.height()))
            .addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(p.width()))
            .addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(3))
            .build();
    return ValueInfoProto.newBuilder()
        .setName(INPUT)
        .setType(
            TypeProto.newBuilder()
                .setTensorType(
                    TypeProto.Tensor.newBuilder()
                        .setElemType(TensorProto.DataType.UINT8_VALUE)
                        .setShape(shape)))
        .build();
  }

  private static List<OperatorSetIdProto> opsets(ModelProto model) {
    List<OperatorSetIdProto> opsets = new ArrayList<>();
    for (OperatorSetIdProto o : model.getOpsetImportList()) {
      opsets.add(
          o.getDomain().isEmpty()
              ? o.toBuilder().setVersion(Math.max(OPSET, o.getVersion())).build()
              : o);
    }
    if (opsets.stream().noneMatch(o -> o.getDomain().isEmpty())) {
      opsets.add(OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET).build());
    }
    return opsets;
  }

  private static StringStringEntryProto entry(String key, String value) {
    return StringStringEntryProto.newBuilder().setKey(key).setValue(value).build();
  }

  /** Writes the preprocessing nodes and their constants. */
  private record Front(GraphProto.Builder graph, FusedPreprocessing p) {
    void write(String output, long height, long width) {
      String x =
          node(
              "Cast",
              List.of(INPUT),
              "float",
              OnnxAttributes.integer("to", TensorProto.DataType.FLOAT_VALUE));
      x = node("Transpose", List.of(x), "nchw", OnnxAttributes.ints("perm", 0, 3, 1, 2));
      graph.addInitializer(int64(PREFIX + "resize_sizes", height, width));
      x =
          node(
              "Resize",
              List.of(x, "", "", PREFIX + "resize_sizes"),
              "resized",
              OnnxAttributes.ints("axes", 2, 3),
              OnnxAttributes.string("mode", "linear"),
              OnnxAttributes.string("coordinate_transformation_mode", "half_pixel"),
              OnnxAttributes.integer("antialias", 0));
      if (!p.keepsChannelOrder()) {
        int[] c = p.sourceChannels();
        graph.addInitializer(int64(PREFIX + "channel_indices", c[0], c[1], c[2]));
        x =
            node(
                "Gather",
                List.of(x, PREFIX + "channel_indices"),
                "channels",
                OnnxAttributes.integer("axis", 1));
      }
      graph.addInitializer(floats(PREFIX + "mean_values", p.mean()));
      if (p.unitScale()) {
        node("Sub", List.of(x, PREFIX + "mean_values"), output, output);
        return;
      }
      x = node("Sub", List.of(x, PREFIX + "mean_values"), "centred");
      graph.addInitializer(floats(PREFIX + "scale_values", p.scale()));
      node("Mul", List.of(x, PREFIX + "scale_values"), output, output);
    }

    private String node(String op, List<String> inputs, String name, AttributeProto... attributes) {
      return node(op, inputs, name, PREFIX + name, attributes);
    }

    private String node(
        String op, List<String> inputs, String name, String out, AttributeProto... attributes) {
      NodeProto.Builder node =
          NodeProto.newBuilder()
              .setOpType(op)
              .setName(PREFIX + name)
              .addAllInput(inputs)
              .addOutput(out);
      for (AttributeProto a : attributes) {
        node.addAttribute(a);
      }
      graph.addNode(node);
      return out;
    }

    /** A [1, 3, 1, 1] float tensor, broadcast over the batch and the pixels. */
    private static TensorProto floats(String name, float[] values) {
      ByteBuffer bytes =
          ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
      bytes.asFloatBuffer().put(values);
      return TensorProto.newBuilder()
          .setName(name)
          .setDataType(TensorProto.DataType.FLOAT_VALUE)
          .addDims(1)
          .addDims(values.length)
          .addDims(1)
          .addDims(1)
          .setRawData(ByteString.copyFrom(bytes.array()))
          .build();
    }

    private static TensorProto int64(String name, long... values) {
      TensorProto.Builder t =
          TensorProto.newBuilder()
              .setName(name)
              .setDataType(TensorProto.DataType.INT64_VALUE)
              .addDims(values.length);
      for (long v : values) {
        t.addInt64Data(v);
      }
      return t.build();
    }
  }
}
