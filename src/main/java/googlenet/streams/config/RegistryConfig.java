package googlenet.streams.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.config.ConfigException;

/** Turns the typed values of {@link RegistryKeys} into {@link SerdeSettings}, checking them. */
final class RegistryConfig {
  private RegistryConfig() {}

  /**
   * The settings the keys describe.
   *
   * @throws ConfigException naming the key and value: a URL that is not http(s)://host..., or
   *     {@code output.format=registry} without {@code schema.registry.url}
   */
  static SerdeSettings parse(Map<String, ?> values) {
    Optional<RegistrySettings> registry = registry(values);
    OutputFormat format = OutputFormat.fromId(string(values, RegistryKeys.OUTPUT_FORMAT));
    if (format == OutputFormat.REGISTRY && registry.isEmpty()) {
      throw new ConfigException(
          RegistryKeys.OUTPUT_FORMAT,
          format.id(),
          "registry output needs a schema registry: set "
              + RegistryKeys.URL
              + " (e.g. http://registry:8081), or use single-object");
    }
    return new SerdeSettings(registry, format);
  }

  private static Optional<RegistrySettings> registry(Map<String, ?> values) {
    List<URI> urls = urls(string(values, RegistryKeys.URL));
    if (urls.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new RegistrySettings(
            urls,
            optional(values, RegistryKeys.BASIC_AUTH_USER_INFO),
            optional(values, RegistryKeys.TRUSTSTORE_LOCATION)
                .map(
                    location ->
                        new RegistrySettings.TrustStore(
                            Path.of(location),
                            optional(values, RegistryKeys.TRUSTSTORE_PASSWORD),
                            string(values, RegistryKeys.TRUSTSTORE_TYPE))),
            Duration.ofMillis((Integer) values.get(RegistryKeys.CONNECT_TIMEOUT_MS)),
            Duration.ofMillis((Integer) values.get(RegistryKeys.REQUEST_TIMEOUT_MS)),
            (Integer) values.get(RegistryKeys.CACHE_CAPACITY),
            (Boolean) values.get(RegistryKeys.AUTO_REGISTER),
            new RegistrySettings.RetryPolicy(
                Duration.ofMillis((Long) values.get(RegistryKeys.RETRY_BACKOFF_MS)),
                Duration.ofMillis((Long) values.get(RegistryKeys.RETRY_BACKOFF_MAX_MS)),
                Duration.ofMillis((Long) values.get(RegistryKeys.RETRY_TIMEOUT_MS)))));
  }

  private static List<URI> urls(String list) {
    List<URI> urls = new ArrayList<>();
    for (String part : list.split(",")) {
      String url = part.strip();
      if (!url.isEmpty()) {
        urls.add(url(url));
      }
    }
    return urls;
  }

  private static URI url(String url) {
    try {
      URI uri = new URI(url);
      if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())
          || uri.getHost() == null) {
        throw new URISyntaxException(url, "expected http://HOST[:PORT][/PATH] or https://...");
      }
      if (uri.getRawUserInfo() != null) {
        throw new URISyntaxException(
            url, "put user:password in " + RegistryKeys.BASIC_AUTH_USER_INFO + ", not in the URL");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw new ConfigException(RegistryKeys.URL, redactUserInfo(url), e.getReason());
    }
  }

  private static String redactUserInfo(String url) {
    return url.replaceAll("//[^/@]*@", "//[hidden]@");
  }

  private static String string(Map<String, ?> values, String key) {
    return ((String) values.get(key)).strip();
  }

  private static Optional<String> optional(Map<String, ?> values, String key) {
    String value = string(values, key);
    return value.isEmpty() ? Optional.empty() : Optional.of(value);
  }
}
