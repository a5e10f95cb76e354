package googlenet.streams.topology;

import static org.assertj.core.api.Assertions.assertThat;

import googlenet.streams.config.RouteRule;
import googlenet.streams.label.Prediction;
import java.util.List;
import org.junit.jupiter.api.Test;

class RouterTest {
  private static final Prediction TABBY =
      new Prediction(281, "n02123045", "tabby, tabby cat", 0.7f);
  private static final Prediction TIGER = new Prediction(282, "n02123159", "tiger cat", 0.2f);

  @Test
  void shouldMatchAnyCommaSeparatedNameOfTheLabelCaseInsensitively() {
    RouteRule rule = new RouteRule("cats", List.of("tabby cat"), 0.6, "alerts.cats", 1);

    assertThat(Router.matches(rule, List.of(TABBY, TIGER))).isTrue();
    assertThat(Router.matches(rule, List.of(TIGER, TABBY))).isFalse();
  }

  @Test
  void shouldMatchSynsetIdsAndTheWholeLabel() {
    assertThat(Router.matches(new RouteRule("r", List.of("n02123045"), 0, "t", 1), List.of(TABBY)))
        .isTrue();
    assertThat(
            Router.matches(
                new RouteRule("r", List.of("tabby, tabby cat"), 0, "t", 1), List.of(TABBY)))
        .isTrue();
    assertThat(Router.matches(new RouteRule("r", List.of("tabby c"), 0, "t", 1), List.of(TABBY)))
        .isFalse();
  }

  @Test
  void shouldApplyTheThresholdInclusively() {
    assertThat(Router.matches(new RouteRule("r", List.of("tabby"), 0.7f, "t", 1), List.of(TABBY)))
        .isTrue();
    assertThat(Router.matches(new RouteRule("r", List.of("tabby"), 0.71, "t", 1), List.of(TABBY)))
        .isFalse();
  }

  @Test
  void shouldLookBeyondTopOneOnlyWhenAsked() {
    RouteRule top1 = new RouteRule("r", List.of("tiger cat"), 0.1, "t", 1);
    RouteRule top2 = new RouteRule("r", List.of("tiger cat"), 0.1, "t", 2);

    assertThat(Router.matches(top1, List.of(TABBY, TIGER))).isFalse();
    assertThat(Router.matches(top2, List.of(TABBY, TIGER))).isTrue();
  }
}
