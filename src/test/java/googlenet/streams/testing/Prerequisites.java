package googlenet.streams.testing;

/**
 * The switch that turns a missing prerequisite of the registry tests (a Java 21+, the registry
 * server, Node.js) from a skip into a failure: {@code GNSCI_REQUIRE_REGISTRY=true}, set by {@code
 * .ci/run}, so CI cannot pass by skipping.
 */
public final class Prerequisites {
  /** Environment variable that turns a missing prerequisite from a skip into a failure. */
  public static final String REQUIRE = "GNSCI_REQUIRE_REGISTRY";

  private Prerequisites() {}

  /** True when CI asked for failures instead of skips. */
  public static boolean required() {
    return Boolean.parseBoolean(System.getenv(REQUIRE));
  }
}
