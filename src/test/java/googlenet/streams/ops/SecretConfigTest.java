package googlenet.streams.ops;

import static org.assertj.core.api.Assertions.assertThat;

import googlenet.streams.config.GnsConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Security settings pass from the environment (directly, or by {@code ${env:...}} and {@code
 * ${file:...}} references) to the Kafka clients, and never appear in the redacted view the service
 * logs at startup.
 */
class SecretConfigTest {
  private static final String JAAS =
      "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"svc\""
          + " password=\"jaas-pw-123\";";

  @TempDir Path dir;

  @Test
  void shouldPassSecuritySettingsToKafkaAndHideEverySecret() throws Exception {
    Path keyPassword = Files.writeString(dir.resolve("key-password"), "file-pw-456\n");
    Path properties =
        Files.writeString(
            dir.resolve("gns.properties"),
            "ssl.keystore.password=${env:KEYSTORE_PW}\n"
                + "ssl.key.password=${file:"
                + keyPassword
                + "}\n"
                + "ssl.keystore.location=/etc/gns/client.p12\n");
    Map<String, String> env =
        Map.of(
            "KAFKA_BOOTSTRAP_SERVERS", "kafka:9093",
            "KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
            "KAFKA_SASL_MECHANISM", "SCRAM-SHA-512",
            "KAFKA_SASL_JAAS_CONFIG", JAAS,
            "KAFKA_SSL_TRUSTSTORE_LOCATION", "/etc/gns/truststore.p12",
            "KAFKA_SSL_TRUSTSTORE_PASSWORD", "trust-pw-789",
            "KEYSTORE_PW", "env-pw-000");

    GnsConfig config = GnsConfig.load(Optional.of(properties), env);

    Properties kafka = config.streamsProperties();
    assertThat(kafka)
        .containsEntry("security.protocol", "SASL_SSL")
        .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
        .containsEntry("sasl.jaas.config", JAAS)
        .containsEntry("ssl.truststore.location", "/etc/gns/truststore.p12")
        .containsEntry("ssl.truststore.password", "trust-pw-789")
        .containsEntry("ssl.keystore.location", "/etc/gns/client.p12")
        .containsEntry("ssl.keystore.password", "env-pw-000")
        .containsEntry("ssl.key.password", "file-pw-456");
    String dump = config.redacted() + " " + config;
    assertThat(dump)
        .doesNotContain("jaas-pw-123", "trust-pw-789", "env-pw-000", "file-pw-456", "svc\"")
        .contains("security.protocol=SASL_SSL", "ssl.truststore.location=/etc/gns/truststore.p12");
    assertThat(config.redacted())
        .containsEntry("sasl.jaas.config", "[hidden]")
        .containsEntry("ssl.key.password", "[hidden]");
  }
}
