package googlenet.streams.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InstanceIdentityTest {
  @TempDir Path dir;

  private StreamsConfig config(Map<String, String> extra) {
    Map<String, Object> props = new java.util.HashMap<>();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "app");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:9092");
    props.put(StreamsConfig.STATE_DIR_CONFIG, dir.resolve("state").toString());
    props.putAll(extra);
    return new StreamsConfig(props);
  }

  @Test
  void shouldKeepTheIdInTheStateDirectoryAcrossRestarts() throws Exception {
    String first;
    try (InstanceIdentity identity = InstanceIdentity.resolve(config(Map.of()))) {
      first = identity.id();
      assertThat(identity.source()).isEqualTo(InstanceIdentity.Source.STATE_DIRECTORY);
    }
    try (InstanceIdentity again = InstanceIdentity.resolve(config(Map.of()))) {
      assertThat(again.id()).isEqualTo(first);
      assertThat(again.source()).isEqualTo(InstanceIdentity.Source.STATE_DIRECTORY);
    }
    Path file = dir.resolve("state").resolve("app.instance-id");
    assertThat(Files.readString(file, StandardCharsets.UTF_8)).isEqualTo(first + "\n");
    assertThat(UUID.fromString(first).toString()).isEqualTo(first);
  }

  @Test
  void shouldGiveASecondLiveInstanceOnTheSameStateDirectoryAnIdOfItsOwn() {
    try (InstanceIdentity live = InstanceIdentity.resolve(config(Map.of()));
        InstanceIdentity second = InstanceIdentity.resolve(config(Map.of()))) {
      assertThat(second.id()).isNotEqualTo(live.id());
      assertThat(second.source()).isEqualTo(InstanceIdentity.Source.NONE);
    }
  }

  @Test
  void shouldKeepOneIdPerApplication() {
    try (InstanceIdentity a = InstanceIdentity.resolve(config(Map.of()));
        InstanceIdentity b =
            InstanceIdentity.resolve(
                config(Map.of(StreamsConfig.APPLICATION_ID_CONFIG, "other-app")))) {
      assertThat(b.id()).isNotEqualTo(a.id());
      assertThat(b.source()).isEqualTo(InstanceIdentity.Source.STATE_DIRECTORY);
    }
  }

  @Test
  void shouldReplaceAnIdFileThatHoldsNoId() throws Exception {
    Path file = Files.createDirectories(dir.resolve("state")).resolve("app.instance-id");
    Files.writeString(file, "not an id at all, and longer than any uuid would ever be\n");
    try (InstanceIdentity identity = InstanceIdentity.resolve(config(Map.of()))) {
      assertThat(UUID.fromString(identity.id()).toString()).isEqualTo(identity.id());
      assertThat(Files.readString(file)).isEqualTo(identity.id() + "\n");
    }
  }

  @Test
  void shouldTakeTheStaticMemberIdOverTheStateDirectory() {
    try (InstanceIdentity identity =
        InstanceIdentity.resolve(config(Map.of("group.instance.id", "pod-3")))) {
      assertThat(identity.id())
          .isEqualTo(InstanceIdentity.fromGroupInstanceId("pod-3"))
          .isNotEqualTo(InstanceIdentity.fromGroupInstanceId("pod-4"));
      assertThat(UUID.fromString(identity.id()).toString()).isEqualTo(identity.id());
      assertThat(identity.source()).isEqualTo(InstanceIdentity.Source.GROUP_INSTANCE_ID);
      assertThat(identity.origin()).isEqualTo("group.instance.id pod-3");
    }
    assertThat(dir.resolve("state").resolve("app.instance-id")).doesNotExist();
  }

  @Test
  void shouldReadTheStaticMemberIdFromTheMainConsumerPrefixToo() {
    try (InstanceIdentity identity =
        InstanceIdentity.resolve(config(Map.of("main.consumer.group.instance.id", "pod-7")))) {
      assertThat(identity.id()).isEqualTo(InstanceIdentity.fromGroupInstanceId("pod-7"));
    }
  }
}
