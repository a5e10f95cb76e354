package googlenet.streams.inference;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Tiny hand-built ONNX models for signature checks: {@code x} [N, C, H, W] -> GlobalAveragePool ->
 * {@code pooled} [N, C, 1, 1] -> Flatten -> {@code scores} [N, C]. Both tensors are outputs, the
 * 4-d one first.
 */
final class TinyModels {
  private TinyModels() {}

  /** Writes the model for an input of {@code channels x size x size} images. */
  static Path pooling(Path file, long channels, long size) throws IOException {
    GraphProto graph =
        GraphProto.newBuilder()
            .setName("tiny")
            .addInput(value("x", "N", channels, size, size))
            .addNode(node("GlobalAveragePool", "x", "pooled"))
            .addNode(node("Flatten", "pooled", "scores"))
            .addOutput(value("pooled", "N", channels, 1, 1))
            .addOutput(value("scores", "N", channels))
            .build();
    ModelProto model =
        ModelProto.newBuilder()
            .setIrVersion(7)
            .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(12))
            .setGraph(graph)
            .build();
    return Files.write(file, model.toByteArray());
  }

  private static NodeProto node(String op, String input, String output) {
    return NodeProto.newBuilder()
        .setOpType(op)
        .setName(output)
        .addInput(input)
        .addOutput(output)
        .build();
  }

  private static ValueInfoProto value(String name, String batch, long... dims) {
    TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
    shape.addDimBuilder().setDimParam(batch);
    for (long dim : dims) {
      shape.addDimBuilder().setDimValue(dim);
    }
    TypeProto.Tensor.Builder tensor =
        TypeProto.Tensor.newBuilder()
            .setElemType(TensorProto.DataType.FLOAT.getNumber())
            .setShape(shape);
    return ValueInfoProto.newBuilder()
        .setName(name)
        .setType(TypeProto.newBuilder().setTensorType(tensor))
        .build();
  }
}
