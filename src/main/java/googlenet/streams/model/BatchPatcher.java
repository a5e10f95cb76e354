package googlenet.streams.model;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Makes a model whose batch is fixed at 1 (like the model zoo's googlenet-12.onnx, whose Reshape
 * pins [1,1024]) accept any batch size: the batch dimension of inputs, outputs and value infos
 * becomes the symbolic {@code N}, and Reshape targets whose first dimension is 1 get -1 (or 0,
 * "copy the input's dimension", when the target already holds a -1). The shape may be an
 * initializer or the output of a Constant node. Per image, the outputs do not change.
 *
 * <p>Limits: other ops that hard-code a batch of 1 (Expand, Tile, Slice ends, ...) are left as they
 * are; GoogLeNet has none.
 */
public final class BatchPatcher {
  /** The symbolic batch dimension written into the model. */
  public static final String BATCH = "N";

  private BatchPatcher() {}

  /**
   * The patched model and what changed.
   *
   * @param model the patched model
   * @param changes one line per change; empty when the model was already batchable
   */
  public record Result(ModelProto model, List<String> changes) {
    /** Copies the change list. */
    public Result {
      changes = List.copyOf(changes);
    }

    /** Whether the model was already batchable (nothing changed). */
    public boolean unchanged() {
      return changes.isEmpty();
    }
  }

  /**
   * Reads {@code in}, patches it and writes the result atomically to {@code out} (also when nothing
   * changed, so {@code out} is always the model to use).
   *
   * @throws IllegalArgumentException if {@code in} is not an ONNX model
   * @throws IOException if a file cannot be read or written
   */
  public static Result prepare(Path in, Path out) throws IOException {
    Result result = patch(OnnxFiles.read(in));
    OnnxFiles.write(out, result.model());
    return result;
  }

  /** Patches a model in memory. */
  public static Result patch(ModelProto model) {
    List<String> changes = new ArrayList<>();
    GraphProto.Builder graph = model.getGraph().toBuilder();
    Set<String> initializers =
        graph.getInitializerList().stream().map(TensorProto::getName).collect(Collectors.toSet());
    for (ValueInfoProto.Builder input : graph.getInputBuilderList()) {
      if (!initializers.contains(input.getName())) {
        symbolicBatch(input, "input", changes);
      }
    }
    graph.getOutputBuilderList().forEach(output -> symbolicBatch(output, "output", changes));
    graph.getValueInfoBuilderList().forEach(info -> symbolicBatch(info, "value_info", changes));
    patchReshapes(graph, changes);
    ModelProto.Builder patched = model.toBuilder().setGraph(graph);
    if (!changes.isEmpty()) {
      patched.getMetadataPropsBuilderList().stream()
          .filter(p -> p.getKey().equals("fixed_batch"))
          .forEach(p -> p.setValue("false"));
    }
    return new Result(patched.build(), changes);
  }

  private static void symbolicBatch(
      ValueInfoProto.Builder info, String kind, List<String> changes) {
    if (!info.getType().hasTensorType() || !info.getType().getTensorType().hasShape()) {
      return;
    }
    TensorShapeProto.Builder shape = info.getTypeBuilder().getTensorTypeBuilder().getShapeBuilder();
    if (shape.getDimCount() > 1
        && shape.getDim(0).hasDimValue()
        && shape.getDim(0).getDimValue() == 1) {
      shape.setDim(0, TensorShapeProto.Dimension.newBuilder().setDimParam(BATCH));
      changes.add(kind + " " + info.getName() + ": batch dimension 1 -> " + BATCH);
    }
  }

  private static void patchReshapes(GraphProto.Builder graph, List<String> changes) {
    Set<String> shapes =
        graph.getNodeList().stream()
            .filter(n -> n.getOpType().equals("Reshape") && n.getInputCount() > 1)
            .map(n -> n.getInput(1))
            .collect(Collectors.toSet());
    for (int i = 0; i < graph.getInitializerCount(); i++) {
      TensorProto tensor = graph.getInitializer(i);
      Optional<TensorProto> patched =
          shapes.contains(tensor.getName()) ? Int64Tensors.batchFree(tensor) : Optional.empty();
      if (patched.isPresent()) {
        graph.setInitializer(i, patched.get());
        changes.add(reshapeChange("initializer", tensor, patched.get()));
      }
    }
    for (NodeProto.Builder node : graph.getNodeBuilderList()) {
      if (node.getOpType().equals("Constant") && shapes.contains(node.getOutput(0))) {
        patchConstant(node, changes);
      }
    }
  }

  private static void patchConstant(NodeProto.Builder node, List<String> changes) {
    for (AttributeProto.Builder attribute : node.getAttributeBuilderList()) {
      if (attribute.getName().equals("value") && attribute.hasT()) {
        TensorProto tensor = attribute.getT();
        Int64Tensors.batchFree(tensor)
            .ifPresent(
                patched -> {
                  attribute.setT(patched);
                  changes.add(reshapeChange("Constant " + node.getOutput(0), tensor, patched));
                });
      }
    }
  }

  private static String reshapeChange(String where, TensorProto before, TensorProto after) {
    return "Reshape target ("
        + where
        + " "
        + before.getName()
        + "): "
        + Arrays.toString(Int64Tensors.values(before))
        + " -> "
        + Arrays.toString(Int64Tensors.values(after));
  }
}
