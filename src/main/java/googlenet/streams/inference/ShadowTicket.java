package googlenet.streams.inference;

import googlenet.streams.inference.ClassifyResult.Labelled;

/**
 * What a caller wants done with an image's run through the shadow candidate, a second model that
 * sees the same tensors as the live one but never delays or fails the live results. Called on the
 * shadow's runner thread: implementations must be quick and thread-safe.
 */
public interface ShadowTicket {
  /** The candidate labelled the image. */
  void completed(Labelled candidate);

  /**
   * The image was not run through the candidate.
   *
   * @param reason {@code queue-full} (the shadow fell behind), {@code failed} (the candidate failed
   *     on it) or {@code disabled} (the candidate failed fatally and is off)
   */
  void skipped(String reason);
}
