package googlenet.streams.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.lifecycle.Startables;

/**
 * Two service containers with one application id share the input partitions; one is stopped the way
 * an orchestrator stops it (SIGTERM, then a grace period) while images keep arriving, and the other
 * takes all partitions over: nothing lost, nothing labelled twice.
 */
@RequiresContainerEngine
class ServiceScaleOutIT {
  private static final int PARTITIONS = 4;

  @Test
  void shouldSharePartitionsAndTakeOverWhenOneInstanceStops() throws Exception {
    TestPipeline pipeline = TestPipeline.create("scale", PARTITIONS);
    String bootstrap = DeployEnvironment.get().bootstrapServers();
    List<DeployInputs.Input> first = DeployInputs.inputs("scale-a", 80, 10);
    List<DeployInputs.Input> second = DeployInputs.inputs("scale-b", 160, 10);

    try (GenericContainer<?> a = pipeline.service("scale-a");
        GenericContainer<?> b = pipeline.service("scale-b")) {
      Startables.deepStart(a, b).get(3, TimeUnit.MINUTES);
      DeployInputs.produce(bootstrap, pipeline.input(), first);

      // Each instance joins with one member per stream thread (num.stream.threads, default 2).
      List<ConsumerGroups.Member> shared = awaitInstances(pipeline, 2);
      assertThat(partitionsByHost(shared).values())
          .as("both containers own partitions")
          .hasSize(2)
          .allSatisfy(p -> assertThat(p).isNotEmpty());
      assertThat(shared.stream().mapToInt(m -> m.partitions().size()).sum())
          .as("no partition is assigned twice")
          .isEqualTo(PARTITIONS);
      ExactlyOnce.assertOutcomes(pipeline, first, Duration.ofMinutes(2));

      CompletableFuture<Void> stream =
          CompletableFuture.runAsync(() -> produceSlowly(bootstrap, pipeline.input(), second));
      DockerClientFactory.instance()
          .client()
          .stopContainerCmd(a.getContainerId())
          .withTimeout(30)
          .exec();
      List<ConsumerGroups.Member> remaining = awaitInstances(pipeline, 1);
      assertThat(remaining).allSatisfy(m -> assertThat(m.instanceId()).startsWith("scale-b"));
      stream.get(2, TimeUnit.MINUTES);

      ExactlyOnce.assertOutcomes(
          pipeline, Stream.concat(first.stream(), second.stream()).toList(), Duration.ofMinutes(3));
    }
  }

  /**
   * Waits until the group's members come from {@code count} containers (hosts) and together own
   * every input partition.
   */
  private static List<ConsumerGroups.Member> awaitInstances(TestPipeline pipeline, int count) {
    Set<Integer> all = Stream.iterate(0, i -> i + 1).limit(PARTITIONS).collect(Collectors.toSet());
    return await("members of " + count + " containers owning all partitions")
        .atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofMillis(500))
        .until(
            () -> ConsumerGroups.members(pipeline.applicationId(), pipeline.input()),
            members -> partitionsByHost(members).size() == count && owned(members).equals(all));
  }

  private static Map<String, Set<Integer>> partitionsByHost(List<ConsumerGroups.Member> members) {
    Map<String, Set<Integer>> byHost = new HashMap<>();
    members.forEach(
        m -> byHost.computeIfAbsent(m.host(), h -> new HashSet<>()).addAll(m.partitions()));
    return byHost;
  }

  private static Set<Integer> owned(List<ConsumerGroups.Member> members) {
    Set<Integer> owned = new HashSet<>();
    members.forEach(m -> owned.addAll(m.partitions()));
    return owned;
  }

  private static void produceSlowly(String bootstrap, String topic, List<DeployInputs.Input> in) {
    try {
      DeployInputs.produceSlowly(bootstrap, topic, in, 15);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("producer interrupted", e);
    }
  }
}
