package googlenet.streams.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The counter of transactions a start found open, as Prometheus scrapes it. */
class OpenTransactionsMetricTest {
  private static final String NAME = "gns_start_open_transactions_total";

  @Test
  void shouldExposeBothOutcomesAtZeroBeforeAnyStart() {
    try (ServiceMetrics metrics = new ServiceMetrics()) {
      PrometheusSamples scrape = PrometheusSamples.parse(metrics.scrape());
      assertThat(scrape.value(NAME, Map.of("outcome", "fenced"))).isZero();
      assertThat(scrape.value(NAME, Map.of("outcome", "unfenced"))).isZero();
    }
  }

  @Test
  void shouldCountFencedAndUnfencedTransactions() {
    try (ServiceMetrics metrics = new ServiceMetrics()) {
      metrics.pipeline().openTransactionsAtStart(2, 1);
      metrics.pipeline().openTransactionsAtStart(1, 0);
      PrometheusSamples scrape = PrometheusSamples.parse(metrics.scrape());
      assertThat(scrape.value(NAME, Map.of("outcome", "fenced"))).isEqualTo(3);
      assertThat(scrape.value(NAME, Map.of("outcome", "unfenced"))).isEqualTo(1);
    }
  }
}
