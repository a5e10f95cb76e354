package googlenet.streams.testing;

import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * Chooses the brokers integration tests run against, from {@code -Dkafka.broker=}:
 *
 * <ul>
 *   <li>{@code auto} (default): the in-JVM broker always, and a container broker; the container
 *       variant is skipped with a message when no container engine or image is available (it fails
 *       instead when {@code GNSCI_REQUIRE_CONTAINERS=true}, as {@code .ci/run} sets);
 *   <li>{@code embedded}: only the in-JVM broker;
 *   <li>{@code container}: only the container broker, failing when it cannot start;
 *   <li>{@code external}: only the cluster at {@code -Dkafka.bootstrap=host:port}.
 * </ul>
 *
 * The container image is {@code -Dgns.kafka.image} (default {@value
 * ContainerTestBroker#DEFAULT_IMAGE}). Parameterise a test with
 * {@code @MethodSource("googlenet.streams.testing.KafkaBrokers#available")} and start the broker
 * with {@link #start(BrokerKind)}.
 */
public final class KafkaBrokers {
  /**
   * Container starts tried before a test fails. Through podman's Docker API a Kafka container once
   * exited with code 126 (a command could not be executed) before it was ready, while the podman
   * service logged broken pipes; cause not traced, seen once in about forty starts on these
   * machines. A second attempt starts a fresh container.
   */
  public static final int CONTAINER_STARTUP_ATTEMPTS = 2;

  /** System property selecting the brokers. */
  public static final String SELECTION = "kafka.broker";

  /** Environment variable (set by .ci/run) that turns a skipped container broker into a failure. */
  public static final String REQUIRE_CONTAINERS = "GNSCI_REQUIRE_CONTAINERS";

  /** System property giving the external cluster's bootstrap servers. */
  public static final String EXTERNAL_BOOTSTRAP = "kafka.bootstrap";

  private KafkaBrokers() {}

  /** The broker kinds selected by {@code -Dkafka.broker}, in the order tests should run them. */
  public static Stream<BrokerKind> available() {
    return selected().stream();
  }

  static List<BrokerKind> selected() {
    String selection = System.getProperty(SELECTION, "auto").trim().toLowerCase(Locale.ROOT);
    return switch (selection) {
      case "auto", "" -> List.of(BrokerKind.EMBEDDED, BrokerKind.CONTAINER);
      case "embedded" -> List.of(BrokerKind.EMBEDDED);
      case "container" -> List.of(BrokerKind.CONTAINER);
      case "external" -> List.of(BrokerKind.EXTERNAL);
      default ->
          throw new IllegalArgumentException(
              "-D"
                  + SELECTION
                  + "="
                  + selection
                  + " is not known; use auto, embedded, container or external");
    };
  }

  /**
   * Starts (or connects to) a broker of the given kind. Under {@code auto}, a container broker
   * without a container engine aborts the test (JUnit reports it skipped, with the reason); when
   * the container broker was asked for explicitly, that fails instead.
   */
  public static TestBroker start(BrokerKind kind) {
    return switch (kind) {
      case EMBEDDED -> EmbeddedTestBroker.start();
      case CONTAINER -> startContainer();
      case EXTERNAL -> ExternalTestBroker.fromSystemProperty();
    };
  }

  private static TestBroker startContainer() {
    String image = ContainerTestBroker.image();
    String missing = ContainerTestBroker.whyUnavailable(image);
    if (missing != null) {
      if ("container".equalsIgnoreCase(System.getProperty(SELECTION, "auto").trim())) {
        throw new IllegalStateException("-D" + SELECTION + "=container, but " + missing);
      }
      if (Boolean.parseBoolean(System.getenv(REQUIRE_CONTAINERS))) {
        throw new IllegalStateException(REQUIRE_CONTAINERS + "=true, but " + missing);
      }
      Assumptions.abort("container broker skipped: " + missing);
    }
    return ContainerTestBroker.start(image);
  }
}
