package googlenet.streams.deploy;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testcontainers.DockerClientFactory;

/** The condition behind {@link RequiresContainerEngine}. */
final class ContainerEngineCondition implements ExecutionCondition {
  /** Environment variable that turns a missing engine from a skip into a failure. */
  static final String REQUIRE = "GNSCI_REQUIRE_CONTAINERS";

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    if (DockerClientFactory.instance().isDockerAvailable()) {
      return ConditionEvaluationResult.enabled("container engine found");
    }
    String why =
        "no container engine serves the Docker API here (DOCKER_HOST="
            + System.getenv().getOrDefault("DOCKER_HOST", "unset")
            + "); install Docker or podman, or run .ci/engine.sh install && .ci/engine.sh start"
            + " && eval \"$(.ci/engine.sh env)\" && .ci/images.sh";
    if (Boolean.parseBoolean(System.getenv(REQUIRE))) {
      throw new IllegalStateException(REQUIRE + "=true but " + why);
    }
    return ConditionEvaluationResult.disabled("container tests skipped: " + why);
  }
}
