package googlenet.streams.deploy;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the annotated test class only where a container engine serves the Docker API (Testcontainers
 * finds it through {@code DOCKER_HOST} or the usual sockets). Elsewhere the class is skipped with a
 * message saying how to get one; with {@code GNSCI_REQUIRE_CONTAINERS=true} (set by {@code
 * .ci/run}) a missing engine fails instead, so CI cannot pass by skipping.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(ContainerEngineCondition.class)
public @interface RequiresContainerEngine {}
