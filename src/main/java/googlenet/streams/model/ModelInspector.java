package googlenet.streams.model;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto.Dimension;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Reads an ONNX file's contract (inputs, outputs, batch, opset, size, checksum) and its Inception
 * modules.
 */
public final class ModelInspector {
  private ModelInspector() {}

  /**
   * Summarises a model file.
   *
   * @throws IllegalArgumentException if the file is not an ONNX model
   * @throws IOException if the file cannot be read
   */
  public static ModelSummary inspect(Path file) throws IOException {
    ModelProto model = OnnxFiles.read(file);
    GraphProto graph = model.getGraph();
    Set<String> initializers =
        graph.getInitializerList().stream().map(TensorProto::getName).collect(Collectors.toSet());
    List<ModelSummary.Tensor> inputs =
        graph.getInputList().stream()
            .filter(i -> !initializers.contains(i.getName()))
            .map(ModelInspector::tensor)
            .toList();
    return new ModelSummary(
        file,
        Files.size(file),
        Checksums.sha256(file),
        (model.getProducerName() + " " + model.getProducerVersion()).strip(),
        model.getIrVersion(),
        opsets(model),
        parameters(graph),
        inputs,
        graph.getOutputList().stream().map(ModelInspector::tensor).toList(),
        fixedBatch(inputs, graph),
        metadata(model),
        InceptionModules.read(graph));
  }

  private static boolean fixedBatch(List<ModelSummary.Tensor> inputs, GraphProto graph) {
    boolean fixedInput =
        inputs.stream().anyMatch(t -> t.shape().size() > 1 && t.shape().get(0).equals("1"));
    return fixedInput
        || !BatchPatcher.patch(ModelProto.newBuilder().setGraph(graph).build()).unchanged();
  }

  private static Map<String, Long> opsets(ModelProto model) {
    Map<String, Long> opsets = new TreeMap<>();
    model
        .getOpsetImportList()
        .forEach(
            o -> opsets.put(o.getDomain().isEmpty() ? "ai.onnx" : o.getDomain(), o.getVersion()));
    return opsets;
  }

  private static Map<String, String> metadata(ModelProto model) {
    Map<String, String> metadata = new TreeMap<>();
    model.getMetadataPropsList().forEach(e -> metadata.put(e.getKey(), e.getValue()));
    return metadata;
  }

  private static long parameters(GraphProto graph) {
    return graph.getInitializerList().stream()
        .filter(t -> t.getDataType() != TensorProto.DataType.INT64_VALUE)
        .mapToLong(t -> t.getDimsList().stream().reduce(1L, (a, b) -> a * b))
        .sum();
  }

  private static ModelSummary.Tensor tensor(ValueInfoProto info) {
    TypeProto type = info.getType();
    if (!type.hasTensorType()) {
      return new ModelSummary.Tensor(
          info.getName(), type.getValueCase().name().toLowerCase(Locale.ROOT), List.of());
    }
    String element =
        TensorProto.DataType.forNumber(type.getTensorType().getElemType()) == null
            ? "type " + type.getTensorType().getElemType()
            : TensorProto.DataType.forNumber(type.getTensorType().getElemType())
                .name()
                .toLowerCase(Locale.ROOT);
    List<String> shape =
        type.getTensorType().getShape().getDimList().stream().map(ModelInspector::dim).toList();
    return new ModelSummary.Tensor(info.getName(), element, shape);
  }

  private static String dim(Dimension dim) {
    if (dim.hasDimValue()) {
      return Long.toString(dim.getDimValue());
    }
    return dim.hasDimParam() && !dim.getDimParam().isEmpty() ? dim.getDimParam() : "?";
  }
}
