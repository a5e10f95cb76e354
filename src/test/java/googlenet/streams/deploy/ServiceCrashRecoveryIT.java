package googlenet.streams.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.dockerjava.api.DockerClient;
import googlenet.streams.testing.CommittedReader;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;

/**
 * The service container killed hard (SIGKILL, no shutdown hook runs) while images are still
 * arriving, then replaced by a new container with the same configuration: exactly-once means no
 * image is lost and none is labelled twice, as seen by a read_committed consumer.
 */
@RequiresContainerEngine
class ServiceCrashRecoveryIT {
  private static final int IMAGES = 240;

  @Test
  void shouldLoseNothingAndDuplicateNothingWhenTheContainerIsKilledMidStream() throws Exception {
    TestPipeline pipeline = TestPipeline.create("crash", 3);
    List<DeployInputs.Input> inputs = DeployInputs.inputs("crash", IMAGES, 12);
    String bootstrap = DeployEnvironment.get().bootstrapServers();
    DockerClient docker = DockerClientFactory.instance().client();

    try (GenericContainer<?> first = pipeline.service("crash-1");
        GenericContainer<?> second = pipeline.service("crash-1")) {
      first.start();
      CompletableFuture<Void> stream =
          CompletableFuture.runAsync(() -> produceSlowly(bootstrap, pipeline.input(), inputs));
      try (CommittedReader out = new CommittedReader(bootstrap, pipeline.output())) {
        await("first results")
            .atMost(Duration.ofMinutes(2))
            .until(() -> out.poll(Duration.ofMillis(200)) >= 30);
        docker.killContainerCmd(first.getContainerId()).withSignal("KILL").exec();
        assertThat(out.poll(Duration.ZERO))
            .as("results when the service was killed: fewer than the images (mid-stream)")
            .isLessThan(IMAGES);
      }
      await("killed container gone").atMost(Duration.ofSeconds(30)).until(() -> !first.isRunning());
      assertThat(first.getCurrentContainerInfo().getState().getExitCodeLong())
          .as("exit code of a SIGKILLed container")
          .isEqualTo(137L);

      second.start();
      stream.get(2, TimeUnit.MINUTES);

      ExactlyOnce.assertOutcomes(pipeline, inputs, Duration.ofMinutes(3));
    }
  }

  private static void produceSlowly(String bootstrap, String topic, List<DeployInputs.Input> in) {
    try {
      DeployInputs.produceSlowly(bootstrap, topic, in, 20);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("producer interrupted", e);
    }
  }
}
