package googlenet.streams.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.onnx.proto.OnnxMl.ModelProto;
import googlenet.streams.testing.TestModels;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PreprocessFuserTest {
  /** The caffe-bgr profile: BGR from RGB, minus the ImageNet means, scale 1. */
  private static final FusedPreprocessing CAFFE_224 = caffe(224, 224);

  @TempDir Path dir;

  private static FusedPreprocessing caffe(int height, int width) {
    return new FusedPreprocessing(
        "caffe-bgr",
        height,
        width,
        new int[] {2, 1, 0},
        new float[] {103.939f, 116.779f, 123.68f},
        new float[] {1, 1, 1});
  }

  @Test
  void shouldGiveTheOriginalModelsOutputForTheSameImageAtTheModelsSize() throws Exception {
    Path fused = dir.resolve("fused.onnx");
    PreprocessFuser.prepare(TestModels.small(), fused, CAFFE_224);
    byte[] rgb = noise(2 * 224 * 224 * 3, 7);

    float[][] fromUint8 = OrtRuns.runUint8(fused, rgb, 2, 224, 224);
    float[][] fromFloats = OrtRuns.run(TestModels.small(), caffeChw(rgb, 2, 224, 224), 2);

    for (int i = 0; i < 2; i++) {
      assertThat(fromUint8[i]).containsExactly(fromFloats[i], within(1e-6f));
    }
  }

  @Test
  void shouldResizeALargerImageInTheModel() throws Exception {
    Path fused = dir.resolve("fused-256.onnx");
    PreprocessFuser.prepare(TestModels.small(), fused, caffe(256, 256));
    byte[] flat = new byte[256 * 256 * 3];
    byte[] small = new byte[224 * 224 * 3];
    for (int i = 0; i < flat.length; i++) {
      flat[i] = (byte) (i % 3 == 0 ? 200 : i % 3 == 1 ? 90 : 30);
    }
    for (int i = 0; i < small.length; i++) {
      small[i] = flat[i];
    }

    // a flat colour stays that colour whatever the resize
    float[] fromLarge = OrtRuns.runUint8(fused, flat, 1, 256, 256)[0];
    float[] fromFloats = OrtRuns.run(TestModels.small(), caffeChw(small, 1, 224, 224), 1)[0];

    assertThat(fromLarge).containsExactly(fromFloats, within(1e-6f));
  }

  @Test
  void shouldWriteABatchableOpset18ModelWithTheFusedInput() throws Exception {
    Path fused = dir.resolve("fused-fixed.onnx");

    BatchPatcher.Result result =
        PreprocessFuser.prepare(TestModels.fixedBatchSmall(), fused, CAFFE_224);

    ModelSummary summary = ModelInspector.inspect(fused);
    assertThat(result.changes()).contains("input data_0: batch dimension 1 -> N");
    assertThat(summary.inputs())
        .containsExactly(
            new ModelSummary.Tensor(
                "image_uint8", "uint8", java.util.List.of("N", "224", "224", "3")));
    assertThat(summary.opsets()).containsEntry("ai.onnx", 18L);
    assertThat(summary.metadata())
        .containsEntry("fused_preprocess", "caffe-bgr")
        .containsEntry("fused_input_size", "224x224");
    assertThat(summary.inception().modules()).hasSize(9);
    assertThat(OrtRuns.runUint8(fused, noise(3 * 224 * 224 * 3, 1), 3, 224, 224))
        .hasDimensions(3, 1000);
  }

  @Test
  void shouldRefuseAModelThatDoesNotTakeFloatImages() throws Exception {
    ModelProto fused =
        PreprocessFuser.fuse(OrtRuns.parse(TestModels.small()), CAFFE_224, "small.onnx");

    assertThatThrownBy(() -> PreprocessFuser.fuse(fused, CAFFE_224, "fused.onnx"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'fused.onnx' does not take one float image input [N,3,H,W]");
  }

  /** Caffe-BGR CHW floats of RGB HWC bytes, as the Java preprocessing writes them. */
  private static float[] caffeChw(byte[] rgb, int batch, int height, int width) {
    float[] mean = {103.939f, 116.779f, 123.68f};
    int plane = height * width;
    float[] out = new float[batch * 3 * plane];
    for (int n = 0; n < batch; n++) {
      for (int p = 0; p < plane; p++) {
        for (int c = 0; c < 3; c++) {
          int rgbChannel = 2 - c;
          out[n * 3 * plane + c * plane + p] =
              (rgb[(n * plane + p) * 3 + rgbChannel] & 0xFF) - mean[c];
        }
      }
    }
    return out;
  }

  private static byte[] noise(int length, long seed) {
    byte[] bytes = new byte[length];
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = 0; i < length; i++) {
      bytes[i] = (byte) random.nextInt(256);
    }
    return bytes;
  }
}
