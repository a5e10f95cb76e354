package googlenet.streams.model;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;

/** Runs models in a real ONNX Runtime session on seeded Caffe-scale noise, for model tests. */
final class OrtRuns {
  static final int IMAGE_FLOATS = 3 * 224 * 224;

  private OrtRuns() {}

  /** {@code batch} images of uniform noise in [-128, 128), seeded. */
  static float[] noise(int batch, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    float[] values = new float[batch * IMAGE_FLOATS];
    for (int i = 0; i < values.length; i++) {
      values[i] = (float) (random.nextDouble() * 256 - 128);
    }
    return values;
  }

  /** Runs one batch through {@code model} and returns output {@code prob_1} as [batch][classes]. */
  static float[][] run(Path model, float[] images, int batch) throws OrtException {
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    try (OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        OrtSession session = env.createSession(model.toString(), options);
        OnnxTensor input =
            OnnxTensor.createTensor(
                env, FloatBuffer.wrap(images), new long[] {batch, 3, 224, 224});
        OrtSession.Result result = session.run(Map.of(SyntheticGoogLeNet.INPUT, input))) {
      return (float[][]) result.get(SyntheticGoogLeNet.OUTPUT).orElseThrow().getValue();
    }
  }

  /**
   * Runs {@code batch} uint8 RGB images [batch, height, width, 3] through a fused model and returns
   * output {@code prob_1}.
   */
  static float[][] runUint8(Path model, byte[] images, int batch, int height, int width)
      throws OrtException {
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    try (OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        OrtSession session = env.createSession(model.toString(), options);
        OnnxTensor input =
            OnnxTensor.createTensor(
                env,
                ByteBuffer.wrap(images),
                new long[] {batch, height, width, 3},
                OnnxJavaType.UINT8);
        OrtSession.Result result = session.run(Map.of(PreprocessFuser.INPUT, input))) {
      return (float[][]) result.get(SyntheticGoogLeNet.OUTPUT).orElseThrow().getValue();
    }
  }

  /** Parses a model file. */
  static ModelProto parse(Path model) throws IOException {
    try (InputStream in = Files.newInputStream(model)) {
      return ModelProto.parseFrom(in);
    }
  }

  /** Number of floats in the float initializers. */
  static long floatParameters(ModelProto model) {
    return model.getGraph().getInitializerList().stream()
        .filter(t -> t.getDataType() == TensorProto.DataType.FLOAT_VALUE)
        .mapToLong(t -> t.getDimsList().stream().reduce(1L, (a, b) -> a * b))
        .sum();
  }

  /** Number of nodes of one operator type. */
  static long count(ModelProto model, String opType) {
    return model.getGraph().getNodeList().stream()
        .filter(n -> n.getOpType().equals(opType))
        .count();
  }
}
