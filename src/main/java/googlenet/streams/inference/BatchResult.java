package googlenet.streams.inference;

/**
 * The output of one batch run.
 *
 * @param probabilities one row of class probabilities (summing to 1) per image, in input order
 * @param inferenceNanos wall time of the ONNX Runtime run(s) for the whole batch
 * @param provider the execution provider that actually ran it: {@code CPU} or {@code CUDA}
 */
public record BatchResult(float[][] probabilities, long inferenceNanos, String provider) {}
