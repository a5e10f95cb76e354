package googlenet.streams.inference;

/**
 * A failure at the engine boundary, wrapping ONNX Runtime's own exceptions. {@link #fatal()} tells
 * a failure that stops the service (model cannot load, CUDA missing in strict mode) from one that
 * concerns only the batch that was run.
 */
public final class InferenceException extends Exception {
  private static final long serialVersionUID = 1L;

  private final boolean fatal;

  /** Creates an exception; {@code fatal} when the engine cannot be used any more. */
  public InferenceException(String message, boolean fatal, Throwable cause) {
    super(message, cause);
    this.fatal = fatal;
  }

  /** True when the engine cannot go on; false when only this batch failed. */
  public boolean fatal() {
    return fatal;
  }
}
