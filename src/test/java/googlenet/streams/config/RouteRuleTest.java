package googlenet.streams.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class RouteRuleTest {
  @Test
  void shouldParseRulesFromKeysAndEnvironment() {
    GnsConfig config =
        GnsConfig.load(
            java.util.Optional.empty(),
            Map.of(
                "GNS_ROUTE_CATS_MATCH", "Tabby Cat, n02123159",
                "GNS_ROUTE_CATS_MIN_PROBABILITY", "0.6",
                "GNS_ROUTE_CATS_TOPIC", "alerts.cats",
                "GNS_ROUTE_ANY_CAR_MATCH", "sports car",
                "GNS_ROUTE_ANY_CAR_TOP", "5",
                "GNS_ROUTE_ANY_CAR_TOPIC", "cars"));

    assertThat(config.routes())
        .containsExactly(
            new RouteRule("any_car", List.of("sports car"), 0.0, "cars", 5),
            new RouteRule("cats", List.of("tabby cat", "n02123159"), 0.6, "alerts.cats", 1));
  }

  @Test
  void shouldRequireATopic() {
    assertThatThrownBy(() -> GnsConfig.fromMap(Map.of("route.cats.match", "tabby")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("route.cats.topic is required");
  }

  @Test
  void shouldRefuseAProbabilityOutsideZeroToOne() {
    Map<String, String> keys =
        Map.of(
            "route.cats.match",
            "tabby",
            "route.cats.topic",
            "t",
            "route.cats.min.probability",
            "60");

    assertThatThrownBy(() -> GnsConfig.fromMap(keys))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("route.cats.min.probability")
        .hasMessageContaining("[0, 1]");
  }

  @Test
  void shouldRefuseTopBeyondTopK() {
    Map<String, String> keys =
        Map.of("route.c.match", "tabby", "route.c.topic", "t", "route.c.top", "6");

    assertThatThrownBy(() -> GnsConfig.fromMap(keys))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("top.k=5");
  }

  @Test
  void shouldRefuseAnUnknownRouteField() {
    assertThatThrownBy(() -> GnsConfig.fromMap(Map.of("route.cats.mtch", "tabby")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("unknown routing key route.cats.mtch");
  }
}
