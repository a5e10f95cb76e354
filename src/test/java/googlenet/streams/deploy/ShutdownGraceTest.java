package googlenet.streams.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import googlenet.streams.config.GnsConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The grace period Kubernetes and compose give a stopping pod covers the service's own bound: the
 * shutdown timeout the ConfigMap sets, plus 15 s for the engine's run in flight and the JVM exit.
 */
class ShutdownGraceTest {
  private static final long MARGIN_SECONDS = 15;

  @Test
  void shouldGiveTheShutdownTimeoutPlusMarginBeforeKubernetesOrComposeKillsTheService()
      throws Exception {
    long shutdownMs =
        GnsConfig.fromMap(
                Map.of(
                    "shutdown.timeout.ms",
                    find("deploy/k8s/configmap.yaml", "GNS_SHUTDOWN_TIMEOUT_MS:\\s*\"(\\d+)\"")))
            .shutdownTimeout()
            .toMillis();
    long k8s =
        Long.parseLong(
            find("deploy/k8s/deployment.yaml", "terminationGracePeriodSeconds:\\s*(\\d+)"));
    long compose = Long.parseLong(find("deploy/compose.yaml", "stop_grace_period:\\s*(\\d+)s"));

    assertThat(shutdownMs).isEqualTo(GnsConfig.fromMap(Map.of()).shutdownTimeout().toMillis());
    assertThat(k8s).isEqualTo(shutdownMs / 1000 + MARGIN_SECONDS);
    assertThat(compose).isEqualTo(shutdownMs / 1000 + MARGIN_SECONDS);
  }

  private static String find(String file, String regex) throws Exception {
    Matcher m = Pattern.compile(regex).matcher(Files.readString(Path.of(file)));
    assertThat(m.find()).as("%s has %s", file, regex).isTrue();
    return m.group(1);
  }
}
