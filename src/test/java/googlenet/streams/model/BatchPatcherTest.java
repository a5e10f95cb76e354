package googlenet.streams.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnxruntime.OrtException;
import googlenet.streams.testing.TestModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BatchPatcherTest {

  @Test
  void shouldMakeTheFixedBatchModelAcceptBatchFourWithIdenticalOutputsPerImage(@TempDir Path dir)
      throws Exception {
    Path fixed = TestModels.fixedBatchSmall();
    Path prepared = dir.resolve("prepared.onnx");
    BatchPatcher.Result result = BatchPatcher.prepare(fixed, prepared);

    float[] images = OrtRuns.noise(4, 11);
    float[][] batch = OrtRuns.run(prepared, images, 4);
    assertThat(batch).hasDimensions(4, 1000);
    for (int i = 0; i < 4; i++) {
      float[] one =
          Arrays.copyOfRange(images, i * OrtRuns.IMAGE_FLOATS, (i + 1) * OrtRuns.IMAGE_FLOATS);
      float[] original = OrtRuns.run(fixed, one, 1)[0];
      for (int c = 0; c < 1000; c++) {
        assertThat(batch[i][c]).as("image %d class %d", i, c).isCloseTo(original[c], within(1e-6f));
      }
    }
    assertThat(result.changes())
        .anyMatch(c -> c.startsWith("input data_0"))
        .anyMatch(c -> c.startsWith("output prob_1"))
        .anyMatch(c -> c.startsWith("output pool5/7x7_s1_1"))
        .anyMatch(c -> c.contains("Reshape target") && c.contains("[1, 128] -> [-1, 128]"));
    assertThat(ModelInspector.inspect(prepared).metadata()).containsEntry("fixed_batch", "false");
  }

  @Test
  void shouldRefuseBatchFourBeforePreparing() {
    assertThatThrownBy(() -> OrtRuns.run(TestModels.fixedBatchSmall(), OrtRuns.noise(4, 1), 4))
        .isInstanceOf(OrtException.class)
        .hasMessageContaining("data_0");
  }

  @Test
  void shouldLeaveAnAlreadyBatchableModelEquivalentAndSaySo(@TempDir Path dir) throws Exception {
    Path prepared = dir.resolve("same.onnx");
    BatchPatcher.Result result = BatchPatcher.prepare(TestModels.small(), prepared);

    assertThat(result.unchanged()).isTrue();
    assertThat(Files.readAllBytes(prepared)).isEqualTo(Files.readAllBytes(TestModels.small()));
  }

  @Test
  void shouldPatchAReshapeTargetHeldByAConstantNode() throws Exception {
    ModelProto model = OrtRuns.parse(TestModels.fixedBatchSmall());
    ModelProto withConstant = moveReshapeTargetIntoConstant(model);

    ModelProto patched = BatchPatcher.patch(withConstant).model();

    TensorProto target =
        patched.getGraph().getNodeList().stream()
            .filter(n -> n.getOpType().equals("Constant") && n.getOutput(0).equals("flatten_shape"))
            .findFirst()
            .orElseThrow()
            .getAttribute(0)
            .getT();
    assertThat(Int64Tensors.values(target)).containsExactly(-1, 128);
  }

  @Test
  void shouldCopyTheBatchWithZeroWhenTheTargetAlreadyInfersADimension() {
    TensorProto target =
        TensorProto.newBuilder()
            .setName("s")
            .setDataType(TensorProto.DataType.INT64_VALUE)
            .addDims(2)
            .addInt64Data(1)
            .addInt64Data(-1)
            .build();

    assertThat(Int64Tensors.values(Int64Tensors.batchFree(target).orElseThrow()))
        .containsExactly(0, -1);
  }

  @Test
  void shouldRefuseAFileThatIsNotAnOnnxModel(@TempDir Path dir) throws Exception {
    Path text = Files.writeString(dir.resolve("labels.txt"), "n01440764 tench\n");

    assertThatThrownBy(() -> BatchPatcher.prepare(text, dir.resolve("out.onnx")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("labels.txt")
        .hasMessageContaining("not an ONNX model");
    assertThat(dir.resolve("out.onnx")).doesNotExist();
  }

  private static ModelProto moveReshapeTargetIntoConstant(ModelProto model) {
    var graph = model.getGraph().toBuilder();
    int index = 0;
    while (!graph.getInitializer(index).getName().equals("flatten_shape")) {
      index++;
    }
    TensorProto shape = graph.getInitializer(index);
    graph.removeInitializer(index);
    graph.addNode(
        0,
        ai.onnx.proto.OnnxMl.NodeProto.newBuilder()
            .setOpType("Constant")
            .setName("flatten_shape")
            .addOutput("flatten_shape")
            .addAttribute(
                ai.onnx.proto.OnnxMl.AttributeProto.newBuilder()
                    .setName("value")
                    .setType(ai.onnx.proto.OnnxMl.AttributeProto.AttributeType.TENSOR)
                    .setT(shape)));
    return model.toBuilder().setGraph(graph).build();
  }
}
