package googlenet.streams.testing;

import googlenet.streams.image.DecoderMode;
import googlenet.streams.image.ImageLimits;
import googlenet.streams.image.ImagePreprocessor;
import googlenet.streams.image.PreprocessProfile;
import googlenet.streams.inference.BatchResult;
import googlenet.streams.inference.EngineConfig;
import googlenet.streams.inference.InferenceEngine;
import googlenet.streams.inference.InferenceException;
import googlenet.streams.inference.OnnxInferenceEngine;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;

/** The real engine on the small synthetic model, and direct runs of it to compare against. */
public final class TestEngines {
  private TestEngines() {}

  /** The real engine on the small synthetic model. */
  public static OnnxInferenceEngine small() throws InferenceException {
    return OnnxInferenceEngine.open(EngineConfig.cpu(TestModels.small()));
  }

  /**
   * The service's default preprocessing: caffe-bgr, default limits, {@code image.decoder=auto} (the
   * native decoder where it loads).
   */
  public static ImagePreprocessor preprocessor() {
    return new ImagePreprocessor(
        PreprocessProfile.CAFFE_BGR, ImageLimits.DEFAULT, DecoderMode.AUTO);
  }

  /** The tensor of {@code image} as the service's default preprocessing makes it. */
  public static FloatBuffer tensor(byte[] image) throws Exception {
    FloatBuffer buffer =
        ByteBuffer.allocateDirect(ImagePreprocessor.TENSOR_FLOATS * Float.BYTES)
            .order(ByteOrder.nativeOrder())
            .asFloatBuffer();
    preprocessor().preprocessInto(image, buffer, 0);
    return buffer;
  }

  /** Probabilities of {@code image} run alone through {@code engine}. */
  public static float[] probabilities(InferenceEngine engine, byte[] image) throws Exception {
    return engine.run(tensor(image), 1).probabilities()[0];
  }

  /**
   * The real engine, except that any run whose input holds the tensor of a marked image fails:
   * non-fatally (only that run) or fatally (the engine is unusable).
   */
  public static InferenceEngine failingOn(InferenceEngine real, byte[] marked, boolean fatal)
      throws Exception {
    FloatBuffer mark = tensor(marked);
    return new ForwardingEngine(real) {
      @Override
      public BatchResult run(FloatBuffer input, int batchSize) throws InferenceException {
        int n = ImagePreprocessor.TENSOR_FLOATS;
        for (int i = 0; i < batchSize; i++) {
          if (input.slice(i * n, n).equals(mark)) {
            throw new InferenceException("injected failure on the marked image", fatal, null);
          }
        }
        return super.run(input, batchSize);
      }
    };
  }
}
