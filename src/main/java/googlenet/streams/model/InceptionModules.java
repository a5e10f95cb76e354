package googlenet.streams.model;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Finds Inception (v1) modules in a graph by their structure, not their names: a Concat of four
 * convolution branches that all start from one tensor X, namely a 1x1 conv of X, a 1x1 reduction of
 * X followed by a 3x3 conv, a 1x1 reduction followed by a 5x5 conv, and a max-pooling of X followed
 * by a 1x1 projection (ReLU and other element-wise ops between them are skipped). Works on the
 * model zoo's googlenet-12 graph and the synthetic one alike. Weight shapes come from the
 * initializers, spatial sizes from {@link TensorShapes}.
 */
final class InceptionModules {
  private static final Set<String> ELEMENT_WISE =
      Set.of("Relu", "BatchNormalization", "Identity", "Clip", "LeakyRelu");

  private final GraphProto graph;
  private final TensorShapes shapes;
  private final Map<String, NodeProto> producers = new HashMap<>();

  private InceptionModules(GraphProto graph) {
    this.graph = graph;
    this.shapes = TensorShapes.of(graph);
    graph.getNodeList().forEach(n -> n.getOutputList().forEach(o -> producers.put(o, n)));
  }

  /** The modules of {@code graph} and the cost of its convolutions and fully connected layers. */
  static InceptionReport read(GraphProto graph) {
    return new InceptionModules(graph).report();
  }

  private InceptionReport report() {
    long imageHeight =
        graph.getNodeList().stream()
            .filter(n -> n.getOpType().equals("Conv"))
            .findFirst()
            .flatMap(n -> shapes.shape(n.getInput(0)))
            .map(s -> s.length == 4 ? s[2] : -1)
            .orElse(-1L);
    List<InceptionModule> modules = new ArrayList<>();
    Map<String, Integer> perStage = new HashMap<>();
    for (NodeProto node : graph.getNodeList()) {
      if (node.getOpType().equals("Concat") && node.getInputCount() == 4) {
        module(node, imageHeight, perStage).ifPresent(modules::add);
      }
    }
    long parameters = 0;
    long multAdds = 0;
    for (NodeProto node : graph.getNodeList()) {
      if (node.getOpType().equals("Conv") || node.getOpType().equals("Gemm")) {
        Optional<Layer> layer = layer(node);
        parameters += layer.map(Layer::parameters).orElse(0L);
        long ops = layer.map(Layer::multAdds).orElse(-1L);
        multAdds = multAdds < 0 || ops < 0 ? -1 : multAdds + ops;
      }
    }
    return new InceptionReport(modules, parameters, multAdds);
  }

  private Optional<InceptionModule> module(
      NodeProto concat, long imageHeight, Map<String, Integer> perStage) {
    List<Layer> mains = new ArrayList<>();
    for (String input : concat.getInputList()) {
      conv(input).ifPresent(mains::add);
    }
    List<Branch> reduced = new ArrayList<>();
    for (Layer main : mains) {
      if (main.kernel() > 1) {
        conv(main.node().getInput(0))
            .filter(r -> r.kernel() == 1)
            .ifPresent(r -> reduced.add(new Branch(r.node().getInput(0), r, main, false)));
      }
    }
    reduced.sort(Comparator.comparingLong(b -> b.main().kernel()));
    if (mains.size() != 4
        || reduced.size() != 2
        || !reduced.get(0).root().equals(reduced.get(1).root())
        || reduced.get(0).main().kernel() != 3
        || reduced.get(1).main().kernel() != 5) {
      return Optional.empty();
    }
    String root = reduced.get(0).root();
    List<Branch> ones =
        mains.stream().filter(m -> m.kernel() == 1).map(m -> unreduced(root, m)).toList();
    Optional<Branch> plain = only(ones, b -> b.root().equals(root) && !b.pooled());
    Optional<Branch> pooled = only(ones, b -> b.root().equals(root) && b.pooled());
    if (plain.isEmpty() || pooled.isEmpty()) {
      return Optional.empty();
    }
    long[] out = shapes.shape(concat.getOutput(0)).orElse(new long[] {-1, -1, -1, -1});
    String name = name(imageHeight, out.length == 4 ? out[2] : -1, perStage);
    return Optional.of(
        new ModuleCost(plain.get(), reduced.get(0), reduced.get(1), pooled.get())
            .module(
                name,
                concat.getName().isEmpty() ? concat.getOutput(0) : concat.getName(),
                out.length == 4 ? out[2] : -1,
                out.length == 4 ? out[3] : -1));
  }

  private static Optional<Branch> only(List<Branch> branches, Predicate<Branch> p) {
    List<Branch> matching = branches.stream().filter(p).toList();
    return matching.size() == 1 ? Optional.of(matching.get(0)) : Optional.empty();
  }

  /**
   * A 1x1 conv branch of a module whose input is {@code root}: the plain 1x1 when the conv reads
   * the root, the pool projection when it reads a max-pooling of the root (the root itself may be
   * the output of a max-pooling, as before 3a, 4a and 5a).
   */
  private Branch unreduced(String root, Layer main) {
    String input = main.node().getInput(0);
    if (input.equals(root)) {
      return new Branch(root, null, main, false);
    }
    NodeProto before = producers.get(input);
    boolean pooled = before != null && before.getOpType().equals("MaxPool");
    return new Branch(pooled ? before.getInput(0) : input, null, main, pooled);
  }

  /** The Conv producing {@code tensor}, looking through element-wise ops. */
  private Optional<Layer> conv(String tensor) {
    NodeProto node = producers.get(tensor);
    while (node != null && ELEMENT_WISE.contains(node.getOpType())) {
      node = producers.get(node.getInput(0));
    }
    return node != null && node.getOpType().equals("Conv") ? layer(node) : Optional.empty();
  }

  /** A Conv or Gemm with its weight shape and output positions. */
  private Optional<Layer> layer(NodeProto node) {
    Optional<long[]> weights = shapes.shape(node.getInput(1));
    if (weights.isEmpty() || weights.get().length < 2) {
      return Optional.empty();
    }
    long bias =
        node.getInputCount() > 2 && !node.getInput(2).isEmpty()
            ? shapes.shape(node.getInput(2)).map(TensorShapes::product).orElse(0L)
            : 0;
    long positions =
        node.getOpType().equals("Gemm")
            ? 1
            : shapes
                .shape(node.getOutput(0))
                .map(s -> s.length == 4 ? TensorShapes.product(new long[] {s[2], s[3]}) : -1)
                .orElse(-1L);
    return Optional.of(new Layer(node, weights.get(), bias, positions));
  }

  private static String name(long imageHeight, long height, Map<String, Integer> perStage) {
    String stage =
        imageHeight > 0 && height > 0
            ? Long.toString(Math.round(Math.log((double) imageHeight / height) / Math.log(2)))
            : "?";
    int index = perStage.merge(stage, 1, Integer::sum);
    return stage.equals("?") ? "?" + index : stage + (char) ('a' + index - 1);
  }

  /** A Conv or Gemm: weights [out, in, kh, kw] or [out, in], bias elements, output positions. */
  record Layer(NodeProto node, long[] weights, long bias, long positions) {
    long kernel() {
      return weights.length == 4 && weights[2] == weights[3] ? weights[2] : -1;
    }

    long out() {
      return weights[0];
    }

    long in() {
      return weights[1];
    }

    long parameters() {
      return TensorShapes.product(weights) + bias;
    }

    long multAdds() {
      return positions < 0 ? -1 : TensorShapes.product(weights) * positions;
    }
  }

  /** One of the four branches: the tensor it starts from, an optional reduction, its last conv. */
  record Branch(String root, Layer reduce, Layer main, boolean pooled) {
    Branch {
      Objects.requireNonNull(root, "root");
    }
  }
}
