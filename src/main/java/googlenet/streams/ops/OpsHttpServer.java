package googlenet.streams.ops;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operations endpoint, on the JDK's HTTP server with two daemon threads:
 *
 * <ul>
 *   <li>{@code GET /metrics}: every meter in the Prometheus text format (0.0.4);
 *   <li>{@code GET /health/live}: 200 {@code {"status":"UP"}} or 503 with the reasons;
 *   <li>{@code GET /health/ready}: 200 or 503 with the reasons, e.g. {@code
 *       {"status":"DOWN","reasons":["streams state REBALANCING"]}}.
 * </ul>
 *
 * Other paths answer 404, other methods 405.
 */
public final class OpsHttpServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(OpsHttpServer.class);
  private static final String PROMETHEUS_TYPE = "text/plain; version=0.0.4; charset=utf-8";
  private static final String JSON_TYPE = "application/json";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final ExecutorService executor;

  private OpsHttpServer(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  /**
   * Binds {@code address} (port 0: an ephemeral port) and starts serving.
   *
   * @throws UncheckedIOException naming the address when it cannot be bound
   */
  public static OpsHttpServer start(
      InetSocketAddress address, Supplier<String> metrics, Health health) {
    HttpServer server;
    try {
      server = HttpServer.create(address, 16);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot listen on "
              + address
              + " for /metrics and /health ("
              + e.getMessage()
              + "); set metrics.port to a free port, 0 for any, or -1 to disable",
          e);
    }
    server.createContext("/", ex -> route(ex, metrics, health));
    ExecutorService executor =
        Executors.newFixedThreadPool(
            2, // a slow scraper must not hold up the probes
            r -> {
              Thread t = new Thread(r, "gns-ops-http");
              t.setDaemon(true);
              return t;
            });
    server.setExecutor(executor);
    server.start();
    OpsHttpServer ops = new OpsHttpServer(server, executor);
    LOG.info("Serving /metrics, /health/live and /health/ready on http://{}", ops.hostAndPort());
    return ops;
  }

  /** The bound address. */
  public InetSocketAddress address() {
    return server.getAddress();
  }

  /** {@code host:port} of the bound address. */
  public String hostAndPort() {
    return address().getHostString() + ":" + address().getPort();
  }

  private static void route(HttpExchange exchange, Supplier<String> metrics, Health health)
      throws IOException {
    switch (exchange.getRequestURI().getPath()) {
      case "/metrics" -> serve(exchange, 200, PROMETHEUS_TYPE, metrics.get());
      case "/health/live" -> probe(exchange, health.live());
      case "/health/ready" -> probe(exchange, health.ready());
      default ->
          serve(
              exchange,
              404,
              "text/plain",
              "not found: try /metrics, /health/live, /health/ready\n");
    }
  }

  private static void probe(HttpExchange exchange, Health.Status status) throws IOException {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", status.ok() ? "UP" : "DOWN");
    if (!status.reasons().isEmpty()) {
      body.put("reasons", status.reasons());
    }
    if (!status.notes().isEmpty()) {
      body.put("notes", status.notes());
    }
    serve(exchange, status.ok() ? 200 : 503, JSON_TYPE, JSON.writeValueAsString(body) + "\n");
  }

  private static void serve(HttpExchange exchange, int code, String type, String body)
      throws IOException {
    try (exchange) {
      String method = exchange.getRequestMethod();
      boolean head = method.equals("HEAD");
      if (!head && !method.equals("GET")) {
        code = 405;
        body = "method not allowed: use GET\n";
        type = "text/plain";
      }
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", type);
      exchange.sendResponseHeaders(code, head ? -1 : bytes.length);
      if (!head) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(bytes);
        }
      }
    }
  }

  /** Stops serving at once. */
  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
