package googlenet.streams.testing;

import com.github.dockerjava.api.exception.NotFoundException;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

/** A {@link TestBroker} in a container started by Testcontainers from a locally built image. */
final class ContainerTestBroker implements TestBroker {
  /** The image built by {@code .ci/run}; no registry is reachable on the build machines. */
  static final String DEFAULT_IMAGE = "localhost/kafka-local:4.4.0";

  private final KafkaContainer container;

  private ContainerTestBroker(KafkaContainer container) {
    this.container = container;
  }

  static String image() {
    return System.getProperty("gns.kafka.image", DEFAULT_IMAGE);
  }

  /** Why a container broker cannot run here, or null when it can. */
  static String whyUnavailable(String image) {
    if (!DockerClientFactory.instance().isDockerAvailable()) {
      return "no container engine serves the Docker API here (DOCKER_HOST="
          + System.getenv().getOrDefault("DOCKER_HOST", "unset")
          + "); install Docker or podman, or run .ci/engine.sh install && .ci/engine.sh start"
          + " && eval \"$(.ci/engine.sh env)\" && .ci/images.sh";
    }
    try {
      DockerClientFactory.instance().client().inspectImageCmd(image).exec();
      return null;
    } catch (NotFoundException e) {
      return "image "
          + image
          + " is not present locally (no registry is reachable); build it with .ci/images.sh"
          + " or set -Dgns.kafka.image";
    }
  }

  static TestBroker start(String image) {
    KafkaContainer container =
        new KafkaContainer(DockerImageName.parse(image).asCompatibleSubstituteFor("apache/kafka"))
            .withStartupAttempts(KafkaBrokers.CONTAINER_STARTUP_ATTEMPTS);
    container.start();
    return new ContainerTestBroker(container);
  }

  @Override
  public BrokerKind kind() {
    return BrokerKind.CONTAINER;
  }

  @Override
  public String bootstrapServers() {
    return container.getBootstrapServers();
  }

  @Override
  public void close() {
    container.stop();
  }
}
