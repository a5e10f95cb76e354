package googlenet.streams.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.CommonClientConfigs;
import picocli.CommandLine.Option;

/**
 * The connection options shared by the client commands ({@code produce}, {@code tail}): the
 * bootstrap servers plus any client property, e.g. security settings for a real cluster.
 */
final class KafkaClientOptions {

  @Option(
      names = "--bootstrap-servers",
      paramLabel = "HOST:PORT[,...]",
      defaultValue = "${env:KAFKA_BOOTSTRAP_SERVERS}",
      description = "Kafka brokers (default: $KAFKA_BOOTSTRAP_SERVERS).")
  String bootstrapServers;

  @Option(
      names = "--command-config",
      paramLabel = "FILE",
      description =
          "Properties file of Kafka client settings, e.g. security.protocol, sasl.mechanism,"
              + " sasl.jaas.config, ssl.truststore.location.")
  Path commandConfig;

  @Option(
      names = {"-X", "--property"},
      paramLabel = "KEY=VALUE",
      description = "A Kafka client property; repeatable; overrides --command-config.")
  Map<String, String> properties = new LinkedHashMap<>();

  /**
   * The client properties: the file, then -X, then the bootstrap servers.
   *
   * @throws IllegalArgumentException when no bootstrap servers are given
   */
  Properties clientProperties() {
    if (bootstrapServers == null || bootstrapServers.isBlank()) {
      throw new IllegalArgumentException(
          "no Kafka brokers given: pass --bootstrap-servers HOST:PORT or set KAFKA_BOOTSTRAP_SERVERS");
    }
    Properties props = new Properties();
    if (commandConfig != null) {
      try (InputStream in = Files.newInputStream(commandConfig)) {
        props.load(in);
      } catch (IOException e) {
        throw new UncheckedIOException(
            "cannot read --command-config " + commandConfig + ": " + e.getMessage(), e);
      }
    }
    props.putAll(properties);
    props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    return props;
  }
}
