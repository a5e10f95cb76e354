package googlenet.streams.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto.Dimension;
import googlenet.streams.testing.TestModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyntheticGoogLeNetTest {

  @Test
  void shouldWriteIdenticalFilesForTheSameSeed(@TempDir Path dir) throws Exception {
    Path first = dir.resolve("a.onnx");
    Path second = dir.resolve("b.onnx");
    SyntheticGoogLeNet.write(first, 8, 7, false);
    SyntheticGoogLeNet.write(second, 8, 7, false);

    assertThat(Checksums.sha256(first)).isEqualTo(Checksums.sha256(second));
    assertThat(Files.readAllBytes(first)).isEqualTo(Files.readAllBytes(second));
  }

  @Test
  void shouldWriteDifferentWeightsForDifferentSeeds() {
    byte[] seven = SyntheticGoogLeNet.build(8, 7, false);
    byte[] eight = SyntheticGoogLeNet.build(8, 8, false);

    assertThat(seven).hasSameSizeAs(eight);
    assertThat(Checksums.sha256(seven)).isNotEqualTo(Checksums.sha256(eight));
  }

  @Test
  void shouldLeaveOnlyTheModelFileBehindWhenWriting(@TempDir Path dir) throws Exception {
    SyntheticGoogLeNet.write(dir.resolve("m.onnx"), 16, 1, false);

    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("m.onnx");
    }
  }

  @Test
  void shouldHaveTheBvlcParameterCountAndLayersAtFullWidth() throws Exception {
    ModelProto model = OrtRuns.parse(TestModels.full());

    assertThat(OrtRuns.floatParameters(model)).isEqualTo(6_998_552L);
    assertLayerCounts(model);
    assertThat(model.getOpsetImport(0).getVersion()).isEqualTo(12);
  }

  @Test
  void shouldKeepTheTopologyAtReducedWidth() throws Exception {
    ModelProto model = OrtRuns.parse(TestModels.small());

    assertLayerCounts(model);
    assertThat(OrtRuns.floatParameters(model)).isBetween(150_000L, 250_000L);
  }

  @Test
  void shouldDeclareASymbolicBatchOnInputAndOutput() throws Exception {
    ModelProto model = OrtRuns.parse(TestModels.small());

    assertThat(model.getGraph().getInput(0).getName()).isEqualTo("data_0");
    assertThat(model.getGraph().getInput(0).getType().getTensorType().getShape().getDimList())
        .extracting(d -> d.hasDimParam() ? d.getDimParam() : Long.toString(d.getDimValue()))
        .containsExactly("N", "3", "224", "224");
    assertThat(model.getGraph().getOutput(0).getName()).isEqualTo("prob_1");
    assertThat(
            model
                .getGraph()
                .getOutput(0)
                .getType()
                .getTensorType()
                .getShape()
                .getDim(0)
                .getDimParam())
        .isEqualTo("N");
  }

  @Test
  void shouldFixTheBatchAndReshapeLikeTheZooModelWhenAsked() throws Exception {
    ModelProto model = OrtRuns.parse(TestModels.fixedBatchSmall());

    Dimension batch = model.getGraph().getInput(0).getType().getTensorType().getShape().getDim(0);
    assertThat(batch.getDimValue()).isEqualTo(1L);
    assertThat(OrtRuns.count(model, "Reshape")).isEqualTo(1);
    assertThat(OrtRuns.count(model, "Flatten")).isZero();
    assertThat(model.getGraph().getOutputList())
        .extracting(o -> o.getName())
        .containsExactly("prob_1", "pool5/7x7_s1_1");
  }

  @Test
  void shouldOutputABatchOfNonDegenerateDistributionsInOnnxRuntime() throws Exception {
    float[][] probabilities = OrtRuns.run(TestModels.full(), OrtRuns.noise(2, 3), 2);

    assertThat(probabilities).hasDimensions(2, 1000);
    for (float[] row : probabilities) {
      double sum = 0;
      float max = 0;
      float min = 1;
      for (float p : row) {
        sum += p;
        max = Math.max(max, p);
        min = Math.min(min, p);
      }
      assertThat(sum).isCloseTo(1.0, within(1e-5));
      assertThat(max).as("top probability").isGreaterThan(0.005f).isLessThan(0.9f);
      assertThat(min).as("lowest probability").isGreaterThan(0f);
    }
  }

  @Test
  void shouldRunTheSmallModelWithBatchFour() throws Exception {
    float[][] probabilities = OrtRuns.run(TestModels.small(), OrtRuns.noise(4, 5), 4);

    assertThat(probabilities).hasDimensions(4, 1000);
    for (float[] row : probabilities) {
      double sum = 0;
      for (float p : row) {
        sum += p;
      }
      assertThat(sum).isCloseTo(1.0, within(1e-5));
    }
  }

  /** Caches name files "v1" (ModelSource): if these bytes must change, bump that version. */
  @Test
  void shouldKeepTheBytesOfVersionOneStable() {
    assertThat(Checksums.sha256(SyntheticGoogLeNet.build(8, 42, false)))
        .isEqualTo("fcf0a0a3017f0be6bc9a639080c965fbb52e880c3e2c4e3b58e60f35195e3a01");
  }

  @Test
  void shouldRefuseANonPositiveWidthDivisor() {
    assertThatThrownBy(() -> SyntheticGoogLeNet.build(0, 1, false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("got 0");
  }

  private static void assertLayerCounts(ModelProto model) {
    assertThat(OrtRuns.count(model, "Conv")).isEqualTo(57);
    assertThat(OrtRuns.count(model, "Relu")).isEqualTo(57);
    assertThat(OrtRuns.count(model, "MaxPool")).isEqualTo(13);
    assertThat(OrtRuns.count(model, "LRN")).isEqualTo(2);
    assertThat(OrtRuns.count(model, "Concat")).isEqualTo(9);
    assertThat(OrtRuns.count(model, "AveragePool")).isEqualTo(1);
    assertThat(OrtRuns.count(model, "Gemm")).isEqualTo(1);
    assertThat(OrtRuns.count(model, "Softmax")).isEqualTo(1);
  }
}
