package googlenet.streams.serde;

import java.util.Optional;

/**
 * The schema registry could not answer: every configured URL was unreachable, timed out, answered
 * 5xx, or refused the request for a reason of its own configuration (authentication, a wrong base
 * path, a subject that refuses the schema). Not the record's fault: do not dead-letter it; retry
 * the same record later. Thrown only after the configured retry time ({@code
 * schema.registry.retry.timeout.ms}) has passed.
 */
public final class RegistryUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** An unavailability described by {@code message} (URLs and what each answered). */
  public RegistryUnavailableException(String message) {
    super(message);
  }

  /**
   * The registry unavailability somewhere in {@code failure}'s cause chain, e.g. in the {@code
   * StreamsException} a stream thread dies of: lets an uncaught-exception handler replace the
   * thread (the record is retried from the last commit) instead of stopping the client.
   */
  public static Optional<RegistryUnavailableException> findIn(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof RegistryUnavailableException unavailable) {
        return Optional.of(unavailable);
      }
    }
    return Optional.empty();
  }
}
