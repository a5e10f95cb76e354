package googlenet.streams.tools.bench;

/**
 * The measured part of a run: {@code images} results over {@code wallNanos}, with the CPU samples
 * taken at its first and last result.
 *
 * @param images results counted
 * @param wallNanos wall time between the first and the last counted result
 * @param from CPU at the first counted result
 * @param to CPU at the last
 */
record Window(long images, long wallNanos, CpuSample from, CpuSample to) {
  /** Nothing measured. */
  static final Window EMPTY = new Window(0, 0, CpuSample.NONE, CpuSample.NONE);

  /** Process CPU ms per image, 0 when unknown. */
  double cpuMsPerImage() {
    return perImage(from.process(), to.process());
  }

  /** The in-JVM broker's CPU ms per image, null when not measured. */
  Double brokerMsPerImage() {
    return from.broker() < 0 || to.broker() < 0 ? null : perImage(from.broker(), to.broker());
  }

  /** The decode threads' CPU ms per image, null when not measured. */
  Double decodeMsPerImage() {
    return from.decode() < 0 || to.decode() < 0 ? null : perImage(from.decode(), to.decode());
  }

  /** The JIT compiler threads' CPU ms per image, null when not measured. */
  Double jitMsPerImage() {
    return from.jit() < 0 || to.jit() < 0 ? null : perImage(from.jit(), to.jit());
  }

  /** Inference's CPU ms per image (runner and ONNX Runtime threads), null when not measured. */
  Double inferenceMsPerImage() {
    return from.inference() < 0 || to.inference() < 0
        ? null
        : perImage(from.inference(), to.inference());
  }

  private double perImage(long a, long b) {
    return images > 0 && wallNanos > 0 && a >= 0 && b >= 0 ? (b - a) / 1e6 / images : 0;
  }
}
