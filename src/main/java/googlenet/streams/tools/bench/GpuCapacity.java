package googlenet.streams.tools.bench;

/**
 * The CPU cores a host needs beside its GPU: the default pipeline's CPU ms per image outside
 * inference (in-JVM broker excluded) at a given rate, {@code ms x images/s / 1000}.
 *
 * @param figure the figure it is computed from (the default pipeline)
 * @param cpuMsOutsideInference its CPU ms/image outside inference, broker excluded
 * @param imagesPerSecond the rate the cores are computed for
 * @param cores cores needed at that rate
 */
public record GpuCapacity(
    String figure, double cpuMsOutsideInference, int imagesPerSecond, double cores) {
  /** The rate the capacity line is given for: one GPU's worth of GoogLeNet. */
  public static final int RATE = 5000;

  /**
   * The line for {@code figure}, when its split is known with the broker's share and the cost
   * outside inference is above zero: below, the figure minus the engine's is measurement noise (the
   * full model's inference measured cheaper inside the pipeline), and no core count follows.
   */
  static GpuCapacity of(Figure figure) {
    if (figure.cpu() == null || figure.cpu().outsideInferenceWithoutBrokerMs() == null) {
      return null;
    }
    double ms = figure.cpu().outsideInferenceWithoutBrokerMs();
    if (ms <= 0) {
      return null;
    }
    return new GpuCapacity(figure.id(), ms, RATE, ms * RATE / 1000.0);
  }
}
