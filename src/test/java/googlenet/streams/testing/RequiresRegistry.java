package googlenet.streams.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the annotated test class against a real schema registry: test methods and constructors may
 * take a {@link RegistryServer} parameter, one server shared by every such class of the test JVM
 * and stopped when the JVM's tests end. Without a Java 21+ or the unpacked server the class is
 * skipped with a message saying what it needs; with {@code GNSCI_REQUIRE_REGISTRY=true} (set by
 * {@code .ci/run}) it fails instead.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(RegistryExtension.class)
public @interface RequiresRegistry {
  /** Whether the class also runs the Node.js interop programs. */
  boolean node() default false;
}
