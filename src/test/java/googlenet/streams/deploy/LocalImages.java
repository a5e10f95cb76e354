package googlenet.streams.deploy;

import com.github.dockerjava.api.exception.NotFoundException;
import googlenet.streams.testing.KafkaBrokers;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The locally built images the container tests run (no registry is reachable on the build machines;
 * {@code .ci/images.sh} builds them). Override with {@code -Dgns.kafka.image} and {@code
 * -Dgns.base.image}, e.g. {@code apache/kafka:4.1.0} and {@code eclipse-temurin:17-jre} on a
 * machine that can pull.
 */
final class LocalImages {
  /** Kafka broker image honouring apache/kafka's contract. */
  static final String KAFKA = System.getProperty("gns.kafka.image", "localhost/kafka-local:4.4.0");

  /** Java 17 runtime the service image is built on. */
  static final String JRE_BASE = System.getProperty("gns.base.image", "localhost/gns-jre17:latest");

  private LocalImages() {}

  /** A KafkaContainer on the configured image (not started). */
  static KafkaContainer kafka() {
    require(KAFKA);
    return new KafkaContainer(
            DockerImageName.parse(KAFKA).asCompatibleSubstituteFor("apache/kafka"))
        .withStartupAttempts(KafkaBrokers.CONTAINER_STARTUP_ATTEMPTS);
  }

  /**
   * Fails with what to do when {@code image} is neither present locally nor pullable by name (a
   * local image, {@code localhost/...}, can never be pulled).
   */
  static void require(String image) {
    try {
      DockerClientFactory.instance().client().inspectImageCmd(image).exec();
    } catch (NotFoundException e) {
      if (image.startsWith("localhost/")) {
        throw new IllegalStateException(
            "image "
                + image
                + " is not built; run .ci/images.sh (see deploy/README.md) or point"
                + " -Dgns.kafka.image / -Dgns.base.image at an image you have",
            e);
      }
    }
  }
}
