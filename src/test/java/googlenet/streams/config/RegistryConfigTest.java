package googlenet.streams.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegistryConfigTest {
  @TempDir Path dir;

  @Test
  void shouldNeedNoRegistryAndWriteSingleObjectByDefault() {
    GnsConfig config = GnsConfig.fromMap(Map.of());

    assertThat(config.serdeSettings()).isEqualTo(SerdeSettings.SINGLE_OBJECT);
  }

  @Test
  void shouldReadEveryRegistryKeyWithSecretsFromFileAndEnvironment() throws Exception {
    Path userInfo = Files.writeString(dir.resolve("registry-user"), "svc-gns:from-file\n");
    Path props = dir.resolve("gns.properties");
    Files.writeString(
        props,
        String.join(
            "\n",
            "schema.registry.url=https://r1:8081, https://r2:8081/apis/ccompat/v7",
            "schema.registry.basic.auth.user.info=${file:" + userInfo + "}",
            "schema.registry.ssl.truststore.location=/etc/gns/trust.p12",
            "schema.registry.ssl.truststore.password=${env:TRUST_PW}",
            "schema.registry.ssl.truststore.type=JKS",
            "schema.registry.connect.timeout.ms=1500",
            "schema.registry.request.timeout.ms=2500",
            "schema.registry.cache.capacity=50",
            "schema.registry.auto.register.schemas=false",
            "schema.registry.retry.backoff.ms=20",
            "schema.registry.retry.backoff.max.ms=400",
            "schema.registry.retry.timeout.ms=3000",
            "output.format=registry"));
    Map<String, String> env = Map.of("TRUST_PW", "pw-from-env");

    GnsConfig config = GnsConfig.load(Optional.of(props), env);

    SerdeSettings serde = config.serdeSettings();
    assertThat(serde.outputFormat()).isEqualTo(OutputFormat.REGISTRY);
    RegistrySettings registry = serde.registry().orElseThrow();
    assertThat(registry.urls())
        .containsExactly(
            URI.create("https://r1:8081"), URI.create("https://r2:8081/apis/ccompat/v7"));
    assertThat(registry.userInfo()).contains("svc-gns:from-file");
    assertThat(registry.trustStore())
        .contains(
            new RegistrySettings.TrustStore(
                Path.of("/etc/gns/trust.p12"), Optional.of("pw-from-env"), "JKS"));
    assertThat(registry.connectTimeout()).isEqualTo(Duration.ofMillis(1500));
    assertThat(registry.requestTimeout()).isEqualTo(Duration.ofMillis(2500));
    assertThat(registry.cacheCapacity()).isEqualTo(50);
    assertThat(registry.autoRegister()).isFalse();
    assertThat(registry.retry())
        .isEqualTo(
            new RegistrySettings.RetryPolicy(
                Duration.ofMillis(20), Duration.ofMillis(400), Duration.ofMillis(3000)));
    assertThat(config.redacted())
        .containsEntry("schema.registry.basic.auth.user.info", "[hidden]")
        .containsEntry("schema.registry.ssl.truststore.password", "[hidden]");
    assertThat(config.toString()).doesNotContain("from-file").doesNotContain("pw-from-env");
  }

  @Test
  void shouldTakeTheRegistryFromGnsEnvironmentVariables() {
    Map<String, String> env =
        Map.of(
            "GNS_SCHEMA_REGISTRY_URL", "http://registry:8080/apis/ccompat/v7",
            "GNS_OUTPUT_FORMAT", "registry",
            "GNSCI_REQUIRE_REGISTRY", "true",
            "GNSCI_REGISTRY_JAVA_HOME", "/usr/lib/jvm/temurin-25-jdk-amd64");

    SerdeSettings serde = GnsConfig.load(Optional.empty(), env).serdeSettings();

    assertThat(serde.registry().orElseThrow().urls())
        .isEqualTo(List.of(URI.create("http://registry:8080/apis/ccompat/v7")));
    assertThat(serde.outputFormat()).isEqualTo(OutputFormat.REGISTRY);
  }

  @Test
  void shouldRefuseRegistryOutputWithoutARegistryNamingBothKeys() {
    assertThatThrownBy(() -> GnsConfig.fromMap(Map.of("output.format", "registry")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("output.format")
        .hasMessageContaining("schema.registry.url");
  }

  @Test
  void shouldRefuseAnUnknownOutputFormatListingTheAcceptedOnes() {
    assertThatThrownBy(() -> GnsConfig.fromMap(Map.of("output.format", "json")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("json")
        .hasMessageContaining("single-object")
        .hasMessageContaining("registry");
  }

  @Test
  void shouldRefuseAUrlThatIsNotHttpWithoutEchoingCredentials() {
    assertThatThrownBy(
            () -> GnsConfig.fromMap(Map.of("schema.registry.url", "http://ok:8081,registry:8081")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("schema.registry.url")
        .hasMessageContaining("registry:8081")
        .hasMessageContaining("http://HOST");
    assertThatThrownBy(
            () -> GnsConfig.fromMap(Map.of("schema.registry.url", "http://u:secret@r:8081")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("schema.registry.basic.auth.user.info")
        .hasMessageNotContaining("secret");
  }

  @Test
  void shouldRefuseAMistypedRegistryKeyInsteadOfPassingItToKafka() {
    assertThatThrownBy(() -> GnsConfig.fromMap(Map.of("schema.registry.urls", "http://r:8081")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("did you mean schema.registry.url");
  }
}
