package googlenet.streams.testing;

import googlenet.streams.inference.BatchResult;
import googlenet.streams.inference.ImageInput;
import googlenet.streams.inference.InferenceEngine;
import googlenet.streams.inference.InferenceException;
import googlenet.streams.inference.ModelInfo;
import java.nio.FloatBuffer;

/**
 * An engine that hands everything to a real one, for tests that count or fail some runs by
 * overriding {@link #run(FloatBuffer, int)}. Closing it leaves the real engine open.
 */
public class ForwardingEngine implements InferenceEngine {
  private final InferenceEngine real;

  /** Forwards to {@code real}. */
  public ForwardingEngine(InferenceEngine real) {
    this.real = real;
  }

  @Override
  public ModelInfo model() {
    return real.model();
  }

  @Override
  public String provider() {
    return real.provider();
  }

  @Override
  public boolean fellBack() {
    return real.fellBack();
  }

  @Override
  public ImageInput input() {
    return real.input();
  }

  @Override
  public BatchResult run(FloatBuffer input, int batchSize) throws InferenceException {
    return real.run(input, batchSize);
  }

  @Override
  public void close() {}
}
