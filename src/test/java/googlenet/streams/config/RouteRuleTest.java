package googlenet.streams.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import googlenet.streams.label.Prediction;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class RouteRuleTest {
  private static final Prediction TABBY =
      new Prediction(281, "n02123045", "tabby, tabby cat", 0.7f);
  private static final Prediction TIGER = new Prediction(282, "n02123159", "tiger cat", 0.2f);

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
  void shouldMatchAnyCommaSeparatedNameOfTheLabelCaseInsensitively() {
    RouteRule rule = new RouteRule("cats", List.of("tabby cat"), 0.6, "alerts.cats", 1);

    assertThat(rule.matches(List.of(TABBY, TIGER))).isTrue();
    assertThat(rule.matches(List.of(TIGER, TABBY))).isFalse();
  }

  @Test
  void shouldMatchSynsetIdsAndTheWholeLabel() {
    assertThat(new RouteRule("r", List.of("n02123045"), 0, "t", 1).matches(List.of(TABBY)))
        .isTrue();
    assertThat(new RouteRule("r", List.of("tabby, tabby cat"), 0, "t", 1).matches(List.of(TABBY)))
        .isTrue();
    assertThat(new RouteRule("r", List.of("tabby c"), 0, "t", 1).matches(List.of(TABBY))).isFalse();
  }

  @Test
  void shouldApplyTheThresholdInclusively() {
    assertThat(new RouteRule("r", List.of("tabby"), 0.7f, "t", 1).matches(List.of(TABBY))).isTrue();
    assertThat(new RouteRule("r", List.of("tabby"), 0.71, "t", 1).matches(List.of(TABBY)))
        .isFalse();
  }

  @Test
  void shouldLookBeyondTopOneOnlyWhenAsked() {
    RouteRule top1 = new RouteRule("r", List.of("tiger cat"), 0.1, "t", 1);
    RouteRule top2 = new RouteRule("r", List.of("tiger cat"), 0.1, "t", 2);

    assertThat(top1.matches(List.of(TABBY, TIGER))).isFalse();
    assertThat(top2.matches(List.of(TABBY, TIGER))).isTrue();
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
