package googlenet.streams.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class InceptionModulesTest {
  /**
   * Szegedy et al. 2014, "Going deeper with convolutions" (arXiv:1409.4842), Table 1: module,
   * output size, #1x1, #3x3 reduce, #3x3, #5x5 reduce, #5x5, pool proj, params (K), ops (M), typed
   * in from the paper.
   */
  private record PaperRow(
      String name,
      String output,
      int c1,
      int r3,
      int c3,
      int r5,
      int c5,
      int pool,
      int kParams,
      int mOps) {}

  private static final List<PaperRow> TABLE_1 =
      List.of(
          new PaperRow("3a", "28x28x256", 64, 96, 128, 16, 32, 32, 159, 128),
          new PaperRow("3b", "28x28x480", 128, 128, 192, 32, 96, 64, 380, 304),
          new PaperRow("4a", "14x14x512", 192, 96, 208, 16, 48, 64, 364, 73),
          new PaperRow("4b", "14x14x512", 160, 112, 224, 24, 64, 64, 437, 88),
          new PaperRow("4c", "14x14x512", 128, 128, 256, 24, 64, 64, 463, 100),
          new PaperRow("4d", "14x14x528", 112, 144, 288, 32, 64, 64, 580, 119),
          new PaperRow("4e", "14x14x832", 256, 160, 320, 32, 128, 128, 840, 170),
          new PaperRow("5a", "7x7x832", 256, 160, 320, 32, 128, 128, 1072, 54),
          new PaperRow("5b", "7x7x1024", 384, 192, 384, 48, 128, 128, 1388, 71));

  /**
   * Where the paper's figures do not follow from its own widths: 4c's params (128 + 128 + 256 ...
   * give 509K weights, the table says 463K) and 5a's ops (1,042,432 weights x 7x7 = 51.1M, the
   * table says 54M). Everywhere else the ops agree within the table's rounding to 1M and the params
   * within 5% (the table does not say how it counted them: weights x 1024 or 1000, with or without
   * biases).
   */
  private static final Map<String, Double> PARAMS_TOLERANCE = Map.of("4c", 0.11);

  private static final Map<String, Double> OPS_TOLERANCE_M = Map.of("5a", 3.0);

  private static InceptionReport synthetic(int widthDivisor) throws Exception {
    return InceptionModules.read(
        ModelProto.parseFrom(SyntheticGoogLeNet.build(widthDivisor, 42, false)).getGraph());
  }

  @Test
  void shouldFindTheNineModulesOfThePaperWithItsBranchWidthsAndOutputSizes() throws Exception {
    List<InceptionModule> modules = synthetic(1).modules();

    assertThat(modules).hasSize(9);
    for (int i = 0; i < TABLE_1.size(); i++) {
      PaperRow paper = TABLE_1.get(i);
      InceptionModule m = modules.get(i);
      assertThat(m.name()).isEqualTo(paper.name());
      assertThat(m.height() + "x" + m.width() + "x" + m.outChannels()).isEqualTo(paper.output());
      assertThat(List.of(m.c1(), m.r3(), m.c3(), m.r5(), m.c5(), m.poolProj()))
          .as(paper.name())
          .containsExactly(
              (long) paper.c1(),
              (long) paper.r3(),
              (long) paper.c3(),
              (long) paper.r5(),
              (long) paper.c5(),
              (long) paper.pool());
    }
  }

  @Test
  void shouldAgreeWithThePapersParamsAndOpsWithinItsRounding() throws Exception {
    List<InceptionModule> modules = synthetic(1).modules();

    for (int i = 0; i < TABLE_1.size(); i++) {
      PaperRow paper = TABLE_1.get(i);
      InceptionModule m = modules.get(i);
      assertThat(m.multAdds() / 1e6)
          .as("%s mult-adds in M", paper.name())
          .isCloseTo(paper.mOps(), within(OPS_TOLERANCE_M.getOrDefault(paper.name(), 1.0)));
      assertThat(m.parameters() / 1e3 / paper.kParams())
          .as("%s params against the paper's %dK", paper.name(), paper.kParams())
          .isCloseTo(1.0, within(PARAMS_TOLERANCE.getOrDefault(paper.name(), 0.05)));
    }
  }

  @Test
  void shouldCountModule3aExactly() throws Exception {
    InceptionModule m = synthetic(1).modules().get(0);

    // 192 input channels at 28x28: 192*64 + 192*96 + 96*128*9 + 192*16 + 16*32*25 + 192*32
    long weights = 12_288 + 18_432 + 110_592 + 3_072 + 12_800 + 6_144;
    long biases = 64 + 96 + 128 + 16 + 32 + 32;
    assertThat(m.inChannels()).isEqualTo(192);
    assertThat(m.parameters()).isEqualTo(weights + biases).isEqualTo(163_696);
    assertThat(m.multAdds()).isEqualTo(weights * 28 * 28).isEqualTo(128_049_152);
    // without reductions: 192*64 + 192*128*9 + 192*32*25 + 192*32 weights, biases 64+128+32+32
    long directWeights = 12_288 + 221_184 + 153_600 + 6_144;
    assertThat(m.directParameters()).isEqualTo(directWeights + 256);
    assertThat(m.directMultAdds()).isEqualTo(directWeights * 784).isEqualTo(308_281_344);
    assertThat(m.savedMultAdds()).isEqualTo(308_281_344 - 128_049_152);
    assertThat(m.savedParameters()).isEqualTo(directWeights + 256 - 163_696);
  }

  @Test
  void shouldTotalTheNetworkAtAboutThePapersOnePointFiveBillionMultiplyAdds() throws Exception {
    InceptionReport report = synthetic(1);

    // every initializer of the synthetic model belongs to a Conv or the Gemm
    assertThat(report.networkParameters()).isEqualTo(6_998_552);
    assertThat(report.networkMultAdds()).isEqualTo(1_582_671_872L);
    assertThat(report.moduleParameters())
        .isEqualTo(report.modules().stream().mapToLong(InceptionModule::parameters).sum());
    assertThat(report.savedMultAdds())
        .isEqualTo(report.modules().stream().mapToLong(InceptionModule::savedMultAdds).sum());
  }

  @Test
  void shouldFindTheModulesByStructureWhateverTheNamesAndBranchOrder() throws Exception {
    GraphProto original = ModelProto.parseFrom(SyntheticGoogLeNet.build(8, 42, false)).getGraph();

    InceptionReport renamed = InceptionModules.read(anonymised(original));

    assertThat(renamed.modules()).hasSize(9);
    assertThat(renamed.modules())
        .usingRecursiveFieldByFieldElementComparatorIgnoringFields("concat")
        .containsExactlyElementsOf(InceptionModules.read(original).modules());
    assertThat(renamed.modules().get(0).concat()).doesNotContain("inception");
  }

  @Test
  void shouldNotTakeAConcatOfThreeBranchesForAModule() throws Exception {
    GraphProto.Builder graph =
        ModelProto.parseFrom(SyntheticGoogLeNet.build(8, 42, false)).getGraph().toBuilder();
    NodeProto.Builder concat =
        graph.getNodeBuilderList().stream()
            .filter(n -> n.getName().equals("inception_4c/output"))
            .findFirst()
            .orElseThrow();
    List<String> inputs = List.copyOf(concat.getInputList());
    concat.clearInput().addAllInput(inputs.subList(0, 3));

    List<String> names =
        InceptionModules.read(graph.build()).modules().stream().map(InceptionModule::name).toList();

    assertThat(names).containsExactly("3a", "3b", "4a", "4b", "4c", "4d", "5a", "5b");
  }

  /**
   * The graph with every node unnamed, every tensor renamed t0, t1, ... and Concat inputs reversed.
   */
  private static GraphProto anonymised(GraphProto graph) {
    Map<String, String> names = new HashMap<>();
    GraphProto.Builder out = graph.toBuilder();
    for (NodeProto.Builder node : out.getNodeBuilderList()) {
      List<String> inputs = node.getInputList().stream().map(n -> rename(names, n)).toList();
      List<String> outputs = node.getOutputList().stream().map(n -> rename(names, n)).toList();
      node.setName("").clearInput().clearOutput().addAllOutput(outputs);
      node.addAllInput(node.getOpType().equals("Concat") ? reversed(inputs) : inputs);
    }
    for (TensorProto.Builder t : out.getInitializerBuilderList()) {
      t.setName(rename(names, t.getName()));
    }
    for (ValueInfoProto.Builder v : out.getInputBuilderList()) {
      v.setName(rename(names, v.getName()));
    }
    for (ValueInfoProto.Builder v : out.getOutputBuilderList()) {
      v.setName(rename(names, v.getName()));
    }
    assertThat(names.keySet()).doesNotContain("t0").containsAll(Set.of("data_0"));
    return out.build();
  }

  private static List<String> reversed(List<String> list) {
    List<String> copy = new ArrayList<>(list);
    Collections.reverse(copy);
    return copy;
  }

  private static String rename(Map<String, String> names, String name) {
    return names.computeIfAbsent(name, n -> "t" + names.size());
  }
}
