package googlenet.streams.topology;

import static org.assertj.core.api.Assertions.assertThat;

import googlenet.streams.inference.OnnxInferenceEngine;
import googlenet.streams.label.Labels;
import googlenet.streams.label.Prediction;
import googlenet.streams.testing.TestEngines;
import googlenet.streams.testing.TopologyDriver;
import googlenet.streams.tools.fixtures.SampleImages;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Routing rules against the labels the synthetic model really gives a picture: its top-1 and top-2
 * predictions are read from a direct engine run, then rules are written around them.
 */
class RoutingTopologyTest {
  private static final byte[] PICTURE = SampleImages.jpeg(96, 72, 11);
  private static OnnxInferenceEngine engine;
  private static List<Prediction> top;
  @TempDir Path stateDir;

  @BeforeAll
  static void openEngine() throws Exception {
    engine = TestEngines.small();
    Labels labels = Labels.imagenet();
    top = labels.topK(TestEngines.probabilities(engine, PICTURE), 5);
  }

  @AfterAll
  static void closeEngine() {
    engine.close();
  }

  /** The first comma-separated name of a label, in upper case to show matching ignores case. */
  private static String firstName(Prediction p) {
    return p.label().split(",")[0].strip().toUpperCase(java.util.Locale.ROOT);
  }

  @Test
  void shouldCopyAResultToEveryRuleItMatchesAndToNoOther() throws Exception {
    Prediction first = top.get(0);
    Prediction second = top.get(1);
    Map<String, String> rules =
        Map.ofEntries(
            Map.entry("batch.max.size", "1"),
            Map.entry("route.below.match", firstName(first)),
            Map.entry("route.below.min.probability", Double.toString(first.probability() - 1e-4)),
            Map.entry("route.below.topic", "routed.below"),
            Map.entry("route.above.match", firstName(first)),
            Map.entry("route.above.min.probability", Double.toString(first.probability() + 1e-4)),
            Map.entry("route.above.topic", "routed.above"),
            Map.entry("route.second.match", second.synset()),
            Map.entry("route.second.topic", "routed.second"),
            Map.entry("route.second-any.match", "not a label, " + second.synset()),
            Map.entry("route.second-any.top", "2"),
            Map.entry("route.second-any.topic", "routed.second-any"));
    try (TopologyDriver h = new TopologyDriver(rules, stateDir, engine)) {
      h.pipeImage("p", PICTURE, 7L);
      h.awaitWritten(1);

      TestRecord<byte[], byte[]> result = h.results().get(0);
      assertThat(TopologyDriver.decode(result).getPredictions().get(0).getClassIndex())
          .isEqualTo(first.index());
      assertThat(routed(h, "routed.below"))
          .singleElement()
          .satisfies(r -> assertThat(r.value()).isEqualTo(result.value()))
          .satisfies(r -> assertThat(r.key()).isEqualTo(result.key()))
          .satisfies(r -> assertThat(r.timestamp()).isEqualTo(7L))
          .satisfies(r -> assertThat(r.headers()).isEqualTo(result.headers()));
      assertThat(routed(h, "routed.above")).isEmpty();
      assertThat(routed(h, "routed.second")).isEmpty();
      assertThat(routed(h, "routed.second-any")).hasSize(1);
    }
  }

  private static List<TestRecord<byte[], byte[]>> routed(TopologyDriver h, String topic) {
    ByteArrayDeserializer de = new ByteArrayDeserializer();
    TestOutputTopic<byte[], byte[]> out = h.driver().createOutputTopic(topic, de, de);
    return out.readRecordsToList();
  }
}
