package googlenet.streams.image;

/**
 * A typed rejection of one image: the reason code is stable, the message names the value that was
 * wrong. Expected for bad input, so it carries no stack trace.
 */
public final class ImageRejectedException extends Exception {
  private static final long serialVersionUID = 1L;

  private final RejectReason reason;

  /** Creates a rejection with a reason and a message naming the bad value. */
  public ImageRejectedException(RejectReason reason, String message) {
    this(reason, message, null);
  }

  /** Creates a rejection keeping the decoder's exception as the cause. */
  public ImageRejectedException(RejectReason reason, String message, Throwable cause) {
    super(message, cause, false, false);
    this.reason = reason;
  }

  /** Why the image was rejected. */
  public RejectReason reason() {
    return reason;
  }
}
