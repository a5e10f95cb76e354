package googlenet.streams.deploy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.GenericContainer;

/**
 * The deployment as a user runs it: a Kafka container and the service container built from
 * deploy/Dockerfile, configured by environment variables only, on one container network; images
 * produced from outside (the host).
 */
@RequiresContainerEngine
class ServiceDeploymentIT {

  @Test
  void shouldLabelEveryGoodImageOnceAndDeadLetterEveryBadOne() {
    TestPipeline pipeline = TestPipeline.create("deploy", 3);
    List<TestImages.Input> inputs = TestImages.inputs("deploy", 120, 10);
    TestImages.produce(DeployEnvironment.get().bootstrapServers(), pipeline.input(), inputs);

    try (GenericContainer<?> service = pipeline.service("deploy-1")) {
      service.start();

      ExactlyOnce.assertOutcomes(pipeline, inputs, Duration.ofMinutes(3));
    }
  }
}
