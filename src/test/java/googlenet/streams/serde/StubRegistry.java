package googlenet.streams.serde;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import org.apache.avro.Schema;

/**
 * A stand-in for a registry in unit tests that need what the real one cannot give cheaply: a 5xx
 * answer on demand, a look at the request headers (basic authentication), a TLS endpoint. Speaks
 * the few Confluent REST calls the client makes. The real registry is tested in {@code
 * RegistryInteropIT}.
 */
final class StubRegistry implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern BY_ID = Pattern.compile("/schemas/ids/(\\d+)(/versions)?");
  private static final Pattern REGISTER = Pattern.compile("/subjects/([^/]+)/versions");

  private final HttpServer server;
  private final String scheme;
  private final Map<Integer, Schema> schemas = new ConcurrentHashMap<>();
  private final Map<Integer, String> subjects = new ConcurrentHashMap<>();
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private final List<String> authorizations = new CopyOnWriteArrayList<>();
  private final AtomicInteger failWith = new AtomicInteger();
  private final AtomicInteger nextId = new AtomicInteger(100);

  private StubRegistry(HttpServer server, String scheme) {
    this.server = server;
    this.scheme = scheme;
    server.createContext("/", this::handle);
    server.start();
  }

  /** A plain-HTTP stub on 127.0.0.1. */
  static StubRegistry http() throws IOException {
    return new StubRegistry(HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0), "http");
  }

  /** An HTTPS stub on 127.0.0.1 presenting the certificate of {@code tls}. */
  static StubRegistry https(SSLContext tls) throws IOException {
    HttpsServer server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(tls));
    return new StubRegistry(server, "https");
  }

  /**
   * Knows {@code schema} as {@code id}, registered under {@code subject} (e.g. "images-value v2").
   */
  StubRegistry with(int id, Schema schema, String subject) {
    schemas.put(id, schema);
    subjects.put(id, subject);
    return this;
  }

  /** Answers every request with {@code status} from now on; 0 answers normally again. */
  void failWith(int status) {
    failWith.set(status);
  }

  /** The base URL. */
  URI url() {
    return URI.create(scheme + "://127.0.0.1:" + server.getAddress().getPort());
  }

  /** Every request so far, as {@code METHOD /path}. */
  List<String> requests() {
    return List.copyOf(requests);
  }

  /** The Authorization header of every request so far ("" when absent). */
  List<String> authorizations() {
    return List.copyOf(authorizations);
  }

  private void handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    requests.add(exchange.getRequestMethod() + " " + path);
    String auth = exchange.getRequestHeaders().getFirst("Authorization");
    authorizations.add(auth == null ? "" : auth);
    byte[] body = exchange.getRequestBody().readAllBytes();
    if (failWith.get() != 0) {
      respond(exchange, failWith.get(), "{\"error_code\":50001,\"message\":\"stub failure\"}");
      return;
    }
    Matcher byId = BY_ID.matcher(path);
    Matcher register = REGISTER.matcher(path);
    if (byId.matches()) {
      schemaById(exchange, Integer.parseInt(byId.group(1)), byId.group(2) != null);
    } else if (register.matches() && exchange.getRequestMethod().equals("POST")) {
      String schema =
          JSON.readTree(new String(body, StandardCharsets.UTF_8)).get("schema").asText();
      int id = nextId.incrementAndGet();
      with(id, new Schema.Parser().parse(schema), register.group(1) + " v1");
      respond(exchange, 200, "{\"id\":" + id + "}");
    } else if (path.equals("/schemas/types")) {
      respond(exchange, 200, "[\"AVRO\"]");
    } else {
      respond(exchange, 404, "{\"error_code\":404,\"message\":\"HTTP 404 Not Found\"}");
    }
  }

  private void schemaById(HttpExchange exchange, int id, boolean versions) throws IOException {
    Schema schema = schemas.get(id);
    if (schema == null) {
      respond(exchange, 404, "{\"error_code\":40403,\"message\":\"Schema " + id + " not found\"}");
    } else if (versions) {
      String[] subject = subjects.get(id).split(" v");
      ArrayNode array = JSON.createArrayNode();
      array.addObject().put("subject", subject[0]).put("version", Integer.parseInt(subject[1]));
      respond(exchange, 200, array.toString());
    } else {
      respond(exchange, 200, JSON.createObjectNode().put("schema", schema.toString()).toString());
    }
  }

  private static void respond(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/vnd.schemaregistry.v1+json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
