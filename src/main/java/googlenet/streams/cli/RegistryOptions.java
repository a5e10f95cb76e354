package googlenet.streams.cli;

import googlenet.streams.config.GnsConfig;
import googlenet.streams.config.OutputFormat;
import googlenet.streams.config.RegistryKeys;
import googlenet.streams.serde.RecordSerdes;
import googlenet.streams.serde.RegistryListener;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import picocli.CommandLine.Option;

/**
 * The schema registry option shared by {@code produce} and {@code tail}: its URL on the command
 * line; authentication, trust store and timeouts as {@code schema.registry.*} keys in {@code
 * --command-config} or {@code -X} (the same keys as the service's, {@code ${file:...}} works).
 */
final class RegistryOptions {
  @Option(
      names = "--schema-registry",
      paramLabel = "URL[,URL]",
      description =
          "Schema registry (Confluent REST API, e.g. Apicurio's http://HOST:8080/apis/ccompat/v7)."
              + " Other schema.registry.* settings (basic.auth.user.info, ssl.truststore.location"
              + " ...) may be given in --command-config or with -X.")
  String url;

  /** True when a registry URL was given. */
  boolean given() {
    return url != null && !url.isBlank();
  }

  /**
   * Readers and writers for the registry (if given), taking the {@code schema.registry.*} keys out
   * of {@code client} so they do not reach Kafka.
   *
   * @throws org.apache.kafka.common.config.ConfigException for a bad URL or setting
   * @throws IllegalArgumentException when the trust store cannot be loaded
   */
  RecordSerdes serdes(Properties client) {
    Map<String, String> keys = new TreeMap<>();
    for (String name : client.stringPropertyNames()) {
      if (name.startsWith(RegistryKeys.PREFIX)) {
        keys.put(name, client.getProperty(name));
        client.remove(name);
      }
    }
    if (given()) {
      keys.put(RegistryKeys.URL, url);
    }
    return RecordSerdes.create(GnsConfig.fromMap(keys).serdeSettings(), RegistryListener.NONE);
  }

  /** The format records are written in: registry framing when a registry was given. */
  OutputFormat outputFormat() {
    return given() ? OutputFormat.REGISTRY : OutputFormat.SINGLE_OBJECT;
  }
}
