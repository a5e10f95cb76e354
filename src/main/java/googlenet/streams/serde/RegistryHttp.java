package googlenet.streams.serde;

import googlenet.streams.config.RegistrySettings;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One request to the registry over {@code java.net.http}: the base URLs in turn, starting with the
 * last one that answered, with basic authentication and the configured trust store. A response
 * below 500 from any URL is the answer; when none gives one the registry is unavailable.
 */
final class RegistryHttp {
  static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
  private static final Logger LOG = LoggerFactory.getLogger(RegistryHttp.class);

  private final RegistrySettings settings;
  private final RegistryListener listener;
  private final HttpClient client;
  private final Optional<String> authorization;
  private final AtomicInteger preferred = new AtomicInteger();
  private final AtomicBoolean available = new AtomicBoolean(true);

  /** The status and body of an answer, and the base URL that gave it. */
  record Response(int status, String body, URI base) {}

  RegistryHttp(RegistrySettings settings, RegistryListener listener) {
    this.settings = settings;
    this.listener = listener;
    HttpClient.Builder builder =
        HttpClient.newBuilder()
            .connectTimeout(settings.connectTimeout())
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER);
    settings.trustStore().ifPresent(store -> builder.sslContext(TrustStores.sslContext(store)));
    this.client = builder.build();
    this.authorization =
        settings
            .userInfo()
            .map(
                u ->
                    "Basic "
                        + Base64.getEncoder().encodeToString(u.getBytes(StandardCharsets.UTF_8)));
  }

  /**
   * Sends {@code method path} (e.g. {@code GET /schemas/ids/3}) with an optional JSON body.
   *
   * @throws RegistryUnavailableException when no URL answers below 500
   */
  Response send(String method, String path, String jsonBody) {
    List<URI> urls = settings.urls();
    int first = preferred.get();
    List<String> failures = new ArrayList<>();
    for (int i = 0; i < urls.size(); i++) {
      int index = (first + i) % urls.size();
      URI base = urls.get(index);
      String failure = null;
      try {
        HttpResponse<String> response = client.send(request(base, method, path, jsonBody), utf8());
        if (response.statusCode() < 500) {
          preferred.set(index);
          if (markAvailable(true)) {
            LOG.info("schema registry available again at {}", base);
          }
          return new Response(response.statusCode(), response.body(), base);
        }
        failure = "HTTP " + response.statusCode() + " " + snippet(response.body());
      } catch (HttpTimeoutException e) {
        failure = "no answer within " + settings.requestTimeout().toMillis() + " ms";
      } catch (IOException e) {
        failure =
            e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        if (e instanceof SSLException) {
          failure += " (check schema.registry.ssl.truststore.location)";
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new RegistryUnavailableException(
            "interrupted while calling the schema registry at " + base);
      }
      listener.requestFailed(base, failure);
      failures.add(base + " -> " + failure);
    }
    String message =
        "schema registry unavailable for "
            + method
            + " "
            + path
            + ": "
            + String.join("; ", failures)
            + "; check that it runs and that schema.registry.url points at it (the record is"
            + " retried, not dead-lettered)";
    if (markAvailable(false)) {
      LOG.warn(message);
    }
    throw new RegistryUnavailableException(message);
  }

  private HttpRequest request(URI base, String method, String path, String jsonBody) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create(stripSlash(base.toString()) + path))
            .timeout(settings.requestTimeout())
            .header("Accept", CONTENT_TYPE + ", application/json");
    authorization.ifPresent(value -> builder.header("Authorization", value));
    if (jsonBody == null) {
      return builder.method(method, HttpRequest.BodyPublishers.noBody()).build();
    }
    return builder
        .header("Content-Type", CONTENT_TYPE)
        .method(method, HttpRequest.BodyPublishers.ofString(jsonBody, StandardCharsets.UTF_8))
        .build();
  }

  /** Reports an availability change to the listener, once per change; true when it changed. */
  private boolean markAvailable(boolean now) {
    if (available.compareAndSet(!now, now)) {
      listener.availabilityChanged(now);
      return true;
    }
    return false;
  }

  private static HttpResponse.BodyHandler<String> utf8() {
    return HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8);
  }

  private static String stripSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  static String snippet(String body) {
    String flat = body == null ? "" : body.replaceAll("\\s+", " ").strip();
    return flat.length() <= 200 ? flat : flat.substring(0, 200) + "...";
  }
}
