package googlenet.streams.serde;

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
}
