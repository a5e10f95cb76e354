package googlenet.streams.config;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.ValidString;

/**
 * The keys of the schema registry client and of the output format, defined into {@link GnsKeys}'s
 * definition (and so into the generated configuration table). Secrets may be given as {@code
 * ${file:...}} or {@code ${env:...}}.
 */
public final class RegistryKeys {
  /** The prefix every registry key has. */
  public static final String PREFIX = "schema.registry.";

  /** Base URLs of the registry, comma-separated. */
  public static final String URL = PREFIX + "url";

  /** {@code user:password} for HTTP basic authentication. */
  public static final String BASIC_AUTH_USER_INFO = PREFIX + "basic.auth.user.info";

  /** Trust store file for https URLs. */
  public static final String TRUSTSTORE_LOCATION = PREFIX + "ssl.truststore.location";

  /** Password of the trust store. */
  public static final String TRUSTSTORE_PASSWORD = PREFIX + "ssl.truststore.password";

  /** Type of the trust store. */
  public static final String TRUSTSTORE_TYPE = PREFIX + "ssl.truststore.type";

  /** Connect timeout, ms. */
  public static final String CONNECT_TIMEOUT_MS = PREFIX + "connect.timeout.ms";

  /** Request timeout, ms. */
  public static final String REQUEST_TIMEOUT_MS = PREFIX + "request.timeout.ms";

  /** Most cached schemas. */
  public static final String CACHE_CAPACITY = PREFIX + "cache.capacity";

  /** Whether the output schema is registered or only looked up. */
  public static final String AUTO_REGISTER = PREFIX + "auto.register.schemas";

  /** First retry wait, ms. */
  public static final String RETRY_BACKOFF_MS = PREFIX + "retry.backoff.ms";

  /** Longest retry wait, ms. */
  public static final String RETRY_BACKOFF_MAX_MS = PREFIX + "retry.backoff.max.ms";

  /** Total retry time before a read or write fails as unavailable, ms. */
  public static final String RETRY_TIMEOUT_MS = PREFIX + "retry.timeout.ms";

  /** How results are written: {@code single-object} or {@code registry}. */
  public static final String OUTPUT_FORMAT = "output.format";

  private RegistryKeys() {}

  /** Adds the keys to {@code def}. */
  static void define(ConfigDef def) {
    def.define(
        OUTPUT_FORMAT,
        Type.STRING,
        "single-object",
        ValidString.in("single-object", "registry"),
        Importance.HIGH,
        "How Classifications are written to output.topic and the route topics: `single-object` "
            + "(Avro single-object encoding, needs no registry) or `registry` (Confluent wire "
            + "format, the Classification schema registered under `<topic>-value`; needs "
            + "schema.registry.url).");
    def.define(
        URL,
        Type.STRING,
        "",
        Importance.HIGH,
        "Base URLs of a schema registry speaking the Confluent REST API, comma-separated, tried in "
            + "order (fail over), e.g. `http://registry:8081` or Apicurio's "
            + "`http://registry:8080/apis/ccompat/v7`. Set, input records in registry framing "
            + "(00 + schema id) are read too; empty, they are dead-lettered as unknown-schema-id.");
    def.define(
        BASIC_AUTH_USER_INFO,
        Type.STRING,
        "",
        Importance.MEDIUM,
        "`user:password` for HTTP basic authentication to the registry; empty sends none. "
            + "Use `${file:/run/secrets/registry}` or `${env:NAME}` rather than the secret itself.");
    def.define(
        TRUSTSTORE_LOCATION,
        Type.STRING,
        "",
        Importance.MEDIUM,
        "Trust store file for https registry URLs; empty trusts the JVM's default CAs.");
    def.define(
        TRUSTSTORE_PASSWORD,
        Type.STRING,
        "",
        Importance.MEDIUM,
        "Password of the registry trust store, if it has one (`${file:...}` works).");
    def.define(
        TRUSTSTORE_TYPE,
        Type.STRING,
        "PKCS12",
        ValidString.in("PKCS12", "JKS"),
        Importance.LOW,
        "Type of the registry trust store: PKCS12 or JKS.");
    def.define(
        CONNECT_TIMEOUT_MS,
        Type.INT,
        5000,
        Range.between(1, 600_000),
        Importance.LOW,
        "Longest wait (ms) for a connection to one registry URL before the next is tried.");
    def.define(
        REQUEST_TIMEOUT_MS,
        Type.INT,
        10_000,
        Range.between(1, 600_000),
        Importance.LOW,
        "Longest wait (ms) for one registry answer before the next URL is tried.");
    def.define(
        CACHE_CAPACITY,
        Type.INT,
        1000,
        Range.between(1, 1_000_000),
        Importance.LOW,
        "Most writer schemas (and most subject/schema ids) kept in memory, least recently used "
            + "first out.");
    def.define(
        AUTO_REGISTER,
        Type.BOOLEAN,
        true,
        Importance.LOW,
        "true: the Classification schema is registered under `<topic>-value` on first use. "
            + "false: only looked up; results wait (not ready) until someone registers it.");
    def.define(
        RETRY_BACKOFF_MS,
        Type.LONG,
        100L,
        Range.between(1, 600_000),
        Importance.LOW,
        "First wait (ms) before retrying an unavailable registry; doubles up to "
            + "schema.registry.retry.backoff.max.ms.");
    def.define(
        RETRY_BACKOFF_MAX_MS,
        Type.LONG,
        2000L,
        Range.between(1, 600_000),
        Importance.LOW,
        "Longest wait (ms) between retries of an unavailable registry.");
    def.define(
        RETRY_TIMEOUT_MS,
        Type.LONG,
        8000L,
        Range.between(0, 3_600_000),
        Importance.LOW,
        "How long (ms) one read or write retries an unavailable registry (unreachable, timeout, "
            + "5xx) before failing with a retriable error; the record is never dead-lettered for "
            + "it. The default stays under the 10 s transaction timeout Kafka Streams uses under "
            + "exactly-once.");
  }
}
