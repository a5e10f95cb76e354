package googlenet.streams.inference;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** Questions about a model's graph that the session cannot answer, read from the ONNX file. */
final class ModelGraph {
  /** Ops that pass probabilities through unchanged. */
  private static final Set<String> SHAPE_ONLY =
      Set.of("Identity", "Reshape", "Flatten", "Squeeze", "Unsqueeze");

  private ModelGraph() {}

  /**
   * True when {@code output} is produced by a Softmax node, possibly followed by shape-only ops.
   *
   * @throws IOException when the file cannot be read or parsed
   */
  static boolean endsInSoftmax(Path model, String output) throws IOException {
    ModelProto proto;
    try (InputStream in = Files.newInputStream(model)) {
      proto = ModelProto.parseFrom(in);
    }
    Map<String, NodeProto> producers = new HashMap<>();
    for (NodeProto node : proto.getGraph().getNodeList()) {
      for (String out : node.getOutputList()) {
        producers.put(out, node);
      }
    }
    NodeProto node = producers.get(output);
    while (node != null && SHAPE_ONLY.contains(node.getOpType()) && node.getInputCount() > 0) {
      node = producers.get(node.getInput(0));
    }
    return node != null && "Softmax".equals(node.getOpType());
  }
}
