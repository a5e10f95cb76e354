package googlenet.streams.testing;

import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/**
 * Skips a test whose prerequisite (a registry server, a Java 21, Node.js) is missing, saying what
 * it needs; fails it instead when {@code GNS_REQUIRE_REGISTRY=true} (set by {@code .ci/run}), so CI
 * cannot pass by skipping.
 */
public final class Prerequisites {
  /** Environment variable that turns a missing prerequisite from a skip into a failure. */
  public static final String REQUIRE = "GNS_REQUIRE_REGISTRY";

  private Prerequisites() {}

  /** True when CI asked for failures instead of skips. */
  public static boolean required() {
    return Boolean.parseBoolean(System.getenv(REQUIRE));
  }

  /**
   * Skips (or under {@code GNS_REQUIRE_REGISTRY=true} fails) the current test when {@code missing}
   * says what is missing.
   */
  public static void need(Optional<String> missing) {
    if (missing.isEmpty()) {
      return;
    }
    if (required()) {
      throw new IllegalStateException(REQUIRE + "=true but " + missing.get());
    }
    Assumptions.abort("skipped: " + missing.get());
  }
}
