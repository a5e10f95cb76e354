package googlenet.streams.cli;

import googlenet.streams.config.GnsConfig;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * How {@code run} and {@code config check} find the service's configuration: a properties file, the
 * environment, or both (environment over file).
 */
final class ConfigOptions {

  @Option(
      names = {"-c", "--config"},
      paramLabel = "FILE",
      description = "Properties file; environment variables override its keys.")
  Path configFile;

  /** The environment the configuration reads; replaced in tests. */
  Map<String, String> env = System.getenv();

  /**
   * The configuration, validated.
   *
   * @throws org.apache.kafka.common.config.ConfigException naming what is wrong
   */
  GnsConfig load() {
    GnsConfig config = GnsConfig.load(Optional.ofNullable(configFile), env);
    config.streamsProperties();
    return config;
  }
}
