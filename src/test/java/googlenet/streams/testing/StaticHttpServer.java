package googlenet.streams.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Map;

/**
 * An HTTP server on 127.0.0.1 (ephemeral port) serving fixed bytes by path and 404 otherwise, for
 * download tests. Close it when done.
 */
public final class StaticHttpServer implements AutoCloseable {
  private final HttpServer server;

  private StaticHttpServer(HttpServer server) {
    this.server = server;
  }

  /** Starts serving {@code files}, keyed by absolute path such as {@code /zoo/synset.txt}. */
  public static StaticHttpServer serve(Map<String, byte[]> files) throws IOException {
    return serve(files, false);
  }

  /**
   * Starts serving {@code files}; when {@code chunked}, bodies are sent without a Content-Length
   * (chunked transfer), so clients must count the bytes themselves.
   */
  public static StaticHttpServer serve(Map<String, byte[]> files, boolean chunked)
      throws IOException {
    Map<String, byte[]> copy = Map.copyOf(files);
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        exchange -> {
          byte[] body = copy.get(exchange.getRequestURI().getPath());
          if (body == null) {
            exchange.sendResponseHeaders(404, -1);
          } else {
            exchange.sendResponseHeaders(200, chunked ? 0 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
              out.write(body);
            }
          }
          exchange.close();
        });
    server.start();
    return new StaticHttpServer(server);
  }

  /** The address of a path on this server, e.g. {@code uri("/zoo")}. */
  public URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
