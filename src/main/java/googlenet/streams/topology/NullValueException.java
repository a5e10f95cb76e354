package googlenet.streams.topology;

/** The dead-letter cause of a record without a value (a tombstone on the images topic). */
public final class NullValueException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message saying what to do. */
  public NullValueException() {
    super(
        "the record has a null value (a tombstone); produce an ImageRecord value",
        null,
        false,
        false);
  }
}
