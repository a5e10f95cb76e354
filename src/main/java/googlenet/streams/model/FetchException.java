package googlenet.streams.model;

/** A download that was refused or failed; the message says what was wrong and what to do. */
public final class FetchException extends Exception {
  private static final long serialVersionUID = 1L;

  /** A refusal with a user-facing message. */
  public FetchException(String message) {
    super(message);
  }

  /** A failure with a user-facing message and its cause. */
  public FetchException(String message, Throwable cause) {
    super(message, cause);
  }
}
