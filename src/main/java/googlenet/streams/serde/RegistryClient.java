package googlenet.streams.serde;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import googlenet.streams.config.RegistrySettings;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.SchemaParseException;

/**
 * A client of the Confluent schema registry REST API, on {@code java.net.http}: writer schemas by
 * id ({@code GET /schemas/ids/{id}}) and ids by subject and schema ({@code POST
 * /subjects/{subject}/versions} to register, {@code POST /subjects/{subject}} to look up), both
 * cached. Calls that find the registry unavailable retry as the {@link RegistrySettings#retry()}
 * policy says, then throw {@link RegistryUnavailableException}. Thread-safe; one instance serves
 * every stream thread.
 */
public final class RegistryClient {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int SCHEMA_NOT_FOUND = 40403;

  private final RegistrySettings settings;
  private final RegistryListener listener;
  private final RegistryHttp http;
  private final BoundedCache<Integer, Schema> schemas;
  private final BoundedCache<String, Integer> ids;

  private RegistryClient(RegistrySettings settings, RegistryListener listener) {
    this.settings = settings;
    this.listener = listener;
    this.http = new RegistryHttp(settings, listener);
    this.schemas = new BoundedCache<>(settings.cacheCapacity());
    this.ids = new BoundedCache<>(settings.cacheCapacity());
  }

  /**
   * A client; nothing is sent until the first call.
   *
   * @throws IllegalArgumentException when the trust store cannot be loaded
   */
  public static RegistryClient create(RegistrySettings settings, RegistryListener listener) {
    return new RegistryClient(settings, listener);
  }

  /** The settings this client was made with. */
  public RegistrySettings settings() {
    return settings;
  }

  /**
   * The Avro schema registered with {@code id}, or empty when the registry does not know the id.
   *
   * @throws RecordRejectedException ({@code incompatible-schema}) when the id names a schema that
   *     is not Avro or cannot be parsed
   * @throws RegistryUnavailableException when the registry stays unavailable past the retry policy
   */
  public Optional<Schema> schemaById(int id) {
    Schema cached = schemas.get(id);
    if (cached != null) {
      return Optional.of(cached);
    }
    RegistryHttp.Response response = retrying(() -> http.send("GET", "/schemas/ids/" + id, null));
    if (response.status() == 404 && errorCode(response) == SCHEMA_NOT_FOUND) {
      return Optional.empty();
    }
    JsonNode body = expect(response, 200, "GET /schemas/ids/" + id);
    Schema schema = parse(id, body);
    schemas.put(id, schema);
    listener.schemaCacheSize(cacheSize());
    return Optional.of(schema);
  }

  /**
   * Where schema {@code id} is registered, e.g. {@code images-value v3}, for error messages: one
   * request, no retry; empty when the registry does not say.
   */
  public Optional<String> subjectVersions(int id) {
    try {
      RegistryHttp.Response response = http.send("GET", "/schemas/ids/" + id + "/versions", null);
      if (response.status() != 200) {
        return Optional.empty();
      }
      List<String> found = new ArrayList<>();
      for (JsonNode entry : JSON.readTree(response.body())) {
        found.add(entry.path("subject").asText() + " v" + entry.path("version").asText());
      }
      return found.isEmpty() ? Optional.empty() : Optional.of(String.join(", ", found));
    } catch (RegistryUnavailableException | JsonProcessingException e) {
      return Optional.empty();
    }
  }

  /**
   * The id of {@code schema} under {@code subject}: registered when {@link
   * RegistrySettings#autoRegister()}, else looked up.
   *
   * @throws RegistryUnavailableException when the registry stays unavailable past the retry policy,
   *     or refuses the schema (incompatible with the subject, not registered, not authorised)
   */
  public int idFor(String subject, Schema schema) {
    String key = subject + "\u0000" + SchemaNormalization.parsingFingerprint64(schema);
    Integer cached = ids.get(key);
    if (cached != null) {
      return cached;
    }
    String path = "/subjects/" + encode(subject) + (settings.autoRegister() ? "/versions" : "");
    String body = JSON.createObjectNode().put("schema", schema.toString()).toString();
    RegistryHttp.Response response = retrying(() -> http.send("POST", path, body));
    int id = expect(response, 200, "POST " + path).path("id").asInt(-1);
    if (id < 0) {
      throw new RegistryUnavailableException(
          "schema registry answered POST " + path + " without an id: " + response.body());
    }
    ids.put(key, id);
    listener.schemaCacheSize(cacheSize());
    return id;
  }

  /** True when the registry answers {@code GET /schemas/types} with 200: one request, no retry. */
  public boolean ping() {
    try {
      return http.send("GET", "/schemas/types", null).status() == 200;
    } catch (RegistryUnavailableException e) {
      return false;
    }
  }

  /** Writer schemas plus registered ids held in memory. */
  public int cacheSize() {
    return schemas.size() + ids.size();
  }

  private <T> T retrying(Supplier<T> call) {
    RegistrySettings.RetryPolicy policy = settings.retry();
    long deadline = System.nanoTime() + policy.timeout().toNanos();
    Duration delay = max(policy.initialBackoff(), Duration.ofMillis(1));
    for (int attempt = 1; ; attempt++) {
      try {
        return call.get();
      } catch (RegistryUnavailableException e) {
        if (policy.timeout().isZero() || System.nanoTime() + delay.toNanos() > deadline) {
          throw attempt == 1 ? e : gaveUp(e, attempt, policy);
        }
        listener.retrying(attempt, delay);
        sleep(delay, e);
        delay = min(delay.multipliedBy(2), max(policy.maxBackoff(), Duration.ofMillis(1)));
      }
    }
  }

  private static RegistryUnavailableException gaveUp(
      RegistryUnavailableException last, int attempts, RegistrySettings.RetryPolicy policy) {
    return new RegistryUnavailableException(
        last.getMessage()
            + " (gave up after "
            + attempts
            + " attempts within "
            + policy.timeout().toMillis()
            + " ms, schema.registry.retry.timeout.ms)");
  }

  private static void sleep(Duration delay, RegistryUnavailableException cause) {
    try {
      Thread.sleep(delay.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw cause;
    }
  }

  private JsonNode expect(RegistryHttp.Response response, int status, String request) {
    if (response.status() != status) {
      throw new RegistryUnavailableException(
          "schema registry "
              + response.base()
              + " answered "
              + request
              + " with HTTP "
              + response.status()
              + " "
              + RegistryHttp.snippet(response.body())
              + hint(response.status()));
    }
    try {
      return JSON.readTree(response.body());
    } catch (JsonProcessingException e) {
      throw new RegistryUnavailableException(
          "schema registry "
              + response.base()
              + " answered "
              + request
              + " with a body that is not JSON: "
              + RegistryHttp.snippet(response.body())
              + "; does schema.registry.url point at the Confluent-compatible API?");
    }
  }

  private static String hint(int status) {
    return switch (status) {
      case 401, 403 -> "; check schema.registry.basic.auth.user.info and the account's rights";
      case 404 ->
          "; check schema.registry.url (Apicurio: http://HOST:8080/apis/ccompat/v7), and with"
              + " schema.registry.auto.register.schemas=false register the schema first";
      case 409 -> "; the subject's compatibility rule refuses this schema";
      default -> "";
    };
  }

  private static int errorCode(RegistryHttp.Response response) {
    try {
      return JSON.readTree(response.body()).path("error_code").asInt(-1);
    } catch (JsonProcessingException e) {
      return -1;
    }
  }

  private static Schema parse(int id, JsonNode body) {
    String type = body.path("schemaType").asText("AVRO");
    if (!type.equals("AVRO")) {
      throw new RecordRejectedException(
          RecordRejectedException.INCOMPATIBLE_SCHEMA,
          "schema id " + id + " is a " + type + " schema, not Avro");
    }
    try {
      return new Schema.Parser().parse(body.path("schema").asText());
    } catch (SchemaParseException e) {
      throw new RecordRejectedException(
          RecordRejectedException.INCOMPATIBLE_SCHEMA,
          "schema id " + id + " is not a valid Avro schema: " + e.getMessage());
    }
  }

  private static String encode(String subject) {
    return URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
