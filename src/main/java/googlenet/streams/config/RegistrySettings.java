package googlenet.streams.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * How to reach a schema registry that speaks the Confluent REST API (Confluent Schema Registry,
 * Apicurio's {@code /apis/ccompat/v7}, Karapace, ...). Its {@link #toString()} hides the secrets.
 *
 * @param urls base URLs, tried in order; a request that fails on one goes to the next (fail over)
 * @param userInfo {@code user:password} for HTTP basic authentication, if any
 * @param trustStore the trust store for {@code https} URLs, if not the JVM's default
 * @param connectTimeout longest wait for a TCP/TLS connection
 * @param requestTimeout longest wait for a response once connected
 * @param cacheCapacity most writer schemas (and most subject/schema ids) kept in memory
 * @param autoRegister whether writers register their schema (else they look up its id and fail when
 *     it is not registered)
 * @param retry how long reads and writes wait for an unavailable registry
 */
public record RegistrySettings(
    List<URI> urls,
    Optional<String> userInfo,
    Optional<TrustStore> trustStore,
    Duration connectTimeout,
    Duration requestTimeout,
    int cacheCapacity,
    boolean autoRegister,
    RetryPolicy retry) {

  /** Checks the values and copies the list. */
  public RegistrySettings {
    urls = List.copyOf(urls);
    if (urls.isEmpty()) {
      throw new IllegalArgumentException("a schema registry needs at least one URL");
    }
    if (cacheCapacity < 1) {
      throw new IllegalArgumentException("cache capacity must be at least 1, got " + cacheCapacity);
    }
  }

  /**
   * Settings for {@code urls} with the defaults of the configuration keys: no authentication, the
   * JVM's trust store, 5 s connect and 10 s request timeouts, 1000 cached schemas,
   * auto-registration and {@link RetryPolicy#DEFAULT}.
   */
  public static RegistrySettings of(URI... urls) {
    return new RegistrySettings(
        List.of(urls),
        Optional.empty(),
        Optional.empty(),
        Duration.ofSeconds(5),
        Duration.ofSeconds(10),
        1000,
        true,
        RetryPolicy.DEFAULT);
  }

  /** A copy with basic authentication as {@code user:password}. */
  public RegistrySettings withUserInfo(String userInfo) {
    return new RegistrySettings(
        urls,
        Optional.of(userInfo),
        trustStore,
        connectTimeout,
        requestTimeout,
        cacheCapacity,
        autoRegister,
        retry);
  }

  /** A copy with this trust store. */
  public RegistrySettings withTrustStore(TrustStore store) {
    return new RegistrySettings(
        urls,
        userInfo,
        Optional.of(store),
        connectTimeout,
        requestTimeout,
        cacheCapacity,
        autoRegister,
        retry);
  }

  /** A copy with this retry policy. */
  public RegistrySettings withRetry(RetryPolicy policy) {
    return new RegistrySettings(
        urls,
        userInfo,
        trustStore,
        connectTimeout,
        requestTimeout,
        cacheCapacity,
        autoRegister,
        policy);
  }

  @Override
  public String toString() {
    return "RegistrySettings[urls="
        + urls
        + ", userInfo="
        + userInfo.map(u -> u.replaceAll(":.*", ":[hidden]"))
        + ", trustStore="
        + trustStore
        + ", connectTimeout="
        + connectTimeout
        + ", requestTimeout="
        + requestTimeout
        + ", cacheCapacity="
        + cacheCapacity
        + ", autoRegister="
        + autoRegister
        + ", retry="
        + retry
        + "]";
  }

  /**
   * A key store file holding the certificates to trust.
   *
   * @param location the file
   * @param password its password, if it has one
   * @param type {@code PKCS12} or {@code JKS}
   */
  public record TrustStore(Path location, Optional<String> password, String type) {
    @Override
    public String toString() {
      return "TrustStore[" + location + ", " + type + (password.isPresent() ? ", password]" : "]");
    }
  }

  /**
   * How long a read or write keeps trying an unavailable registry before it throws {@link
   * RegistryUnavailableException}: waits start at {@code initialBackoff} and double up to {@code
   * maxBackoff}; no new wait starts once {@code timeout} would be exceeded.
   *
   * @param initialBackoff the first wait
   * @param maxBackoff the longest wait
   * @param timeout the total time spent waiting; zero fails at the first unavailability
   */
  public record RetryPolicy(Duration initialBackoff, Duration maxBackoff, Duration timeout) {
    /** No retry: the first unavailability throws. */
    public static final RetryPolicy NONE =
        new RetryPolicy(Duration.ZERO, Duration.ZERO, Duration.ZERO);

    /**
     * 100 ms doubling to 2 s, for at most 8 s: under the 10 s transaction timeout Kafka Streams
     * sets under exactly-once, so a short outage does not abort the open transaction.
     */
    public static final RetryPolicy DEFAULT =
        new RetryPolicy(Duration.ofMillis(100), Duration.ofSeconds(2), Duration.ofSeconds(8));
  }
}
