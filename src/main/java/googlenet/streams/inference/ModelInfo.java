package googlenet.streams.inference;

/**
 * What the engine knows about the loaded model; stamped on every result.
 *
 * @param name model name, e.g. {@code googlenet-12} or {@code synthetic-googlenet}
 * @param version configured version, or the first 12 hex digits of the sha256
 * @param sha256 SHA-256 of the model file, lower-case hex
 * @param inputName name of the image input, e.g. {@code data_0}
 * @param outputName name of the probabilities output, e.g. {@code prob_1}
 * @param fixedBatch true when the model only accepts a batch of 1
 * @param classes number of output classes, e.g. 1000
 */
public record ModelInfo(
    String name,
    String version,
    String sha256,
    String inputName,
    String outputName,
    boolean fixedBatch,
    int classes) {}
