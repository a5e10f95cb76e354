package googlenet.streams.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.Container;
import org.testcontainers.containers.GenericContainer;

/**
 * The deployment as a user runs it: a Kafka container and the service container built from
 * deploy/Dockerfile, configured by environment variables only, on one container network; images
 * produced from outside (the host). The image's health check and metrics endpoint work too.
 */
@RequiresContainerEngine
class ServiceDeploymentIT {

  @Test
  void shouldLabelEveryGoodImageOnceAndDeadLetterEveryBadOne() throws Exception {
    TestPipeline pipeline = TestPipeline.create("deploy", 3);
    List<DeployInputs.Input> inputs = DeployInputs.inputs("deploy", 120, 10);
    DeployInputs.produce(DeployEnvironment.get().bootstrapServers(), pipeline.input(), inputs);

    try (GenericContainer<?> service = pipeline.service("deploy-1")) {
      service.start();

      ExactlyOnce.assertOutcomes(pipeline, inputs, Duration.ofMinutes(3));

      // podman runs no health timers without systemd (and its Docker API does not report an
      // image's HEALTHCHECK): run the Dockerfile's check the way the engine would.
      Container.ExecResult health =
          service.execInContainer(DockerfileHealthcheck.command(Path.of("deploy", "Dockerfile")));
      assertThat(health.getExitCode()).as("the Dockerfile's HEALTHCHECK command").isZero();
      String metrics = scrape(service);
      assertThat(sum(metrics, "gns_images_classified_total"))
          .as("images classified, scraped through the published ops port")
          .isGreaterThanOrEqualTo(count(inputs, true));
      assertThat(sum(metrics, "gns_dead_letters_total"))
          .as("dead letters, scraped through the published ops port")
          .isGreaterThanOrEqualTo(count(inputs, false));
    }
  }

  private static String scrape(GenericContainer<?> service) throws Exception {
    URI uri =
        URI.create(
            "http://"
                + service.getHost()
                + ":"
                + service.getMappedPort(TestPipeline.OPS_PORT)
                + "/metrics");
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as("GET %s", uri).isEqualTo(200);
    return response.body();
  }

  /** Sum of the samples of a Prometheus metric (every label set), from the text format. */
  private static double sum(String exposition, String metric) {
    return exposition
        .lines()
        .filter(line -> line.startsWith(metric + "{") || line.startsWith(metric + " "))
        .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
        .sum();
  }

  private static long count(List<DeployInputs.Input> inputs, boolean good) {
    return inputs.stream().filter(i -> i.good() == good).count();
  }
}
