package googlenet.streams.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import googlenet.streams.inference.EngineConfig;
import googlenet.streams.inference.InferenceEngine;
import googlenet.streams.inference.OnnxInferenceEngine;
import googlenet.streams.testing.TestModels;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every googlenet-streams, JVM and process series the Grafana dashboard queries exists in a real
 * scrape (the Kafka lag series is checked against a real broker in {@link ServiceOpsIT}).
 */
class DashboardTest {
  private static final Path DASHBOARD = Path.of("deploy", "grafana", "googlenet-streams.json");
  private static final String GC_PAUSES = "jvm_gc_pause_seconds_sum";
  private static final Pattern SERIES = Pattern.compile("\\b((?:gns|jvm|process)_[a-z_]+)");

  @Test
  void shouldQueryOnlySeriesTheServiceExposes() throws Exception {
    JsonNode dashboard = new ObjectMapper().readTree(DASHBOARD.toFile());
    Set<String> queried = new TreeSet<>();
    for (JsonNode expr : dashboard.findValues("expr")) {
      Matcher m = SERIES.matcher(expr.asText());
      while (m.find()) {
        queried.add(m.group(1));
      }
    }
    Set<String> exposed;
    try (ServiceMetrics metrics = new ServiceMetrics();
        InferenceEngine engine = OnnxInferenceEngine.open(EngineConfig.cpu(TestModels.small()))) {
      metrics.bindEngine(engine);
      metrics.pipeline().classified(0, 10);
      metrics.pipeline().deadLetter("corrupt");
      metrics.pipeline().batchRun(4, 3_000_000, 1_000_000);
      metrics.pipeline().decoded(2_000_000);
      metrics.pipeline().backfillProgress(1, 2);
      System.gc();
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> PrometheusSamples.parse(metrics.scrape()).names().contains(GC_PAUSES));
      exposed = PrometheusSamples.parse(metrics.scrape()).names();
    }

    assertThat(queried)
        .contains("gns_images_classified_total", "gns_end_to_end_latency_seconds_bucket");
    assertThat(exposed).containsAll(queried);
  }
}
