package googlenet.streams.backfill;

/**
 * A backfill that cannot run or did not finish, with a message for the user that names the bad
 * value and says what to do. Thrown before anything is written when the request itself is wrong.
 */
public final class BackfillException extends Exception {
  private static final long serialVersionUID = 1L;

  /** A failure with a message for the user. */
  public BackfillException(String message) {
    super(message);
  }

  /** A failure with a message for the user and its cause. */
  public BackfillException(String message, Throwable cause) {
    super(message, cause);
  }
}
