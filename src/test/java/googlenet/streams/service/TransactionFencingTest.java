package googlenet.streams.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Properties;
import java.util.regex.Pattern;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TransactionFencingTest {
  private static final String STREAMS_ID = "app-0c6f2b1e-6c57-4c1b-9d55-1f1b9d7a4a10-2";

  private static final String POD_0 = InstanceIdentity.fromGroupInstanceId("pod-0");

  @TempDir Path dir;

  private Properties props(String guarantee, String instanceId) {
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "app");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:9092");
    props.put(StreamsConfig.STATE_DIR_CONFIG, dir.toString());
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, guarantee);
    if (instanceId != null) {
      props.put("group.instance.id", instanceId);
    }
    return props;
  }

  @Test
  void shouldNameEachThreadsProducerAfterTheInstanceInsteadOfTheProcess() {
    try (TransactionFencing fencing =
        TransactionFencing.prepare(props(StreamsConfig.EXACTLY_ONCE_V2, "pod-0"))) {
      assertThat(fencing.identity()).isEqualTo(POD_0);
      assertThat(fencing.rename(STREAMS_ID)).isEqualTo("app-" + POD_0 + "-2");
      assertThat(fencing.transactionalId(1)).isEqualTo("app-" + POD_0 + "-1");
    }
  }

  @Test
  void shouldKeepAnIdOfAnotherShape() {
    try (TransactionFencing fencing =
        TransactionFencing.prepare(props(StreamsConfig.EXACTLY_ONCE_V2, "pod-0"))) {
      assertThat(fencing.rename("other-app-x-1")).isEqualTo("other-app-x-1");
      assertThat(fencing.rename("app-x-y")).isEqualTo("app-x-y");
      assertThat(fencing.rename("app-x-")).isEqualTo("app-x-");
    }
  }

  @Test
  void shouldOwnOnlyItsPrefixFollowedByAThreadIndex() {
    try (TransactionFencing fencing =
        TransactionFencing.prepare(props(StreamsConfig.EXACTLY_ONCE_V2, "pod-0"))) {
      assertThat(fencing.owns("app-" + POD_0 + "-1")).isTrue();
      assertThat(fencing.owns("app-" + POD_0 + "-12")).isTrue();
      assertThat(fencing.owns("app-" + POD_0 + "-1-1")).isFalse();
      assertThat(fencing.owns("app-" + POD_0 + "-")).isFalse();
      assertThat(fencing.owns("app-pod-0-1")).isFalse();
      assertThat(fencing.owns("other-app-" + POD_0 + "-1")).isFalse();
      assertThat(fencing.owns(STREAMS_ID)).isFalse();
    }
  }

  @Test
  void shouldTellTheIdsOfOtherInstancesOfTheApplication() {
    try (TransactionFencing fencing =
        TransactionFencing.prepare(props(StreamsConfig.EXACTLY_ONCE_V2, "pod-0"))) {
      assertThat(fencing.ofOtherInstance(STREAMS_ID)).isTrue();
      assertThat(fencing.ofOtherInstance("app-" + POD_0 + "-1")).as("its own").isFalse();
      assertThat(fencing.ofOtherInstance("app-eu-" + POD_0 + "-1")).as("app-eu's").isFalse();
      assertThat(fencing.ofOtherInstance("app-pod-1-1")).isFalse();
    }
  }

  @Test
  void shouldKeepItsIdentityInTheStateDirectoryWithoutAStaticMember() {
    String identity;
    try (TransactionFencing fencing =
        TransactionFencing.prepare(props(StreamsConfig.EXACTLY_ONCE_V2, null))) {
      identity = fencing.identity();
      assertThat(fencing.rename(STREAMS_ID)).isEqualTo("app-" + identity + "-2");
    }
    try (TransactionFencing restarted =
        TransactionFencing.prepare(props(StreamsConfig.EXACTLY_ONCE_V2, null))) {
      assertThat(restarted.identity()).isEqualTo(identity);
    }
  }

  @Test
  void shouldLeaveEverythingAloneWithoutExactlyOnce() {
    try (TransactionFencing fencing =
        TransactionFencing.prepare(props(StreamsConfig.AT_LEAST_ONCE, "pod-0"))) {
      assertThat(fencing.identity()).isEmpty();
      assertThat(fencing.owns("app-" + POD_0 + "-1")).isFalse();
      assertThatThrownBy(() -> fencing.transactionalId(1))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("not exactly-once");
    }
  }

  @Test
  void shouldMatchAPrefixLiterallyInARegularExpression() {
    String regex = TransactionAdmin.startsWith("app.v1-(x)+-");
    assertThat(regex).isEqualTo("^app\\.v1\\-\\(x\\)\\+\\-.*");
    assertThat(Pattern.matches(regex, "app.v1-(x)+-3")).isTrue();
    assertThat(Pattern.matches(regex, "appXv1-(x)+-3")).isFalse();
    assertThat(Pattern.matches(regex, "other-app.v1-(x)+-3")).isFalse();
  }
}
