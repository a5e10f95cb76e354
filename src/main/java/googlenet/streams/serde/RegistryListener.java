package googlenet.streams.serde;

import java.net.URI;
import java.time.Duration;

/**
 * What the registry client reports, for metrics and readiness. Every method has a no-op default;
 * {@link #NONE} reports nothing. Called from stream threads: implementations must be thread-safe
 * and fast.
 */
public interface RegistryListener {
  /** Reports nothing. */
  RegistryListener NONE = new RegistryListener() {};

  /**
   * One HTTP request to one registry URL failed: unreachable, timed out, TLS refused, answered 5xx
   * or an unexpected status.
   *
   * @param url the base URL tried
   * @param error what happened, e.g. {@code HTTP 503} or {@code connect timed out}
   */
  default void requestFailed(URI url, String error) {}

  /**
   * A read or write found the registry unavailable and waits {@code delay} before trying again.
   *
   * @param attempt 1 for the first retry
   */
  default void retrying(int attempt, Duration delay) {}

  /**
   * The registry became unavailable ({@code false}) or available again ({@code true}). Called on
   * changes only; the client starts as available.
   */
  default void availabilityChanged(boolean available) {}

  /** The number of writer schemas and registered ids held in the caches, after it changed. */
  default void schemaCacheSize(int entries) {}
}
