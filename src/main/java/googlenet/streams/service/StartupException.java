package googlenet.streams.service;

/**
 * The service cannot start: the model cannot be found or loaded, or the configuration is unusable.
 * The message says what was wrong and what to do; the command line exits with status 2.
 */
public final class StartupException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message for the user. */
  public StartupException(String message, Throwable cause) {
    super(message, cause);
  }
}
