package googlenet.streams.topology;

import static org.assertj.core.api.Assertions.assertThat;

import googlenet.streams.config.GnsConfig;
import googlenet.streams.inference.OnnxInferenceEngine;
import googlenet.streams.inference.SchedulerMetrics;
import googlenet.streams.service.Pipeline;
import googlenet.streams.testing.TestEngines;
import java.util.Map;
import org.apache.kafka.streams.TopologyDescription;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ClassificationTopologyTest {
  private static OnnxInferenceEngine engine;

  @BeforeAll
  static void openEngine() throws Exception {
    engine = TestEngines.small();
  }

  @AfterAll
  static void closeEngine() {
    engine.close();
  }

  @Test
  void shouldWireSourceProcessorStoreAndOneSinkPerTopic() throws Exception {
    GnsConfig config =
        GnsConfig.fromMap(
            Map.of(
                "bootstrap.servers", "unused:9092",
                "input.topic", "in",
                "output.topic", "out",
                "dlq.topic", "dead",
                "route.cats.match", "tabby cat",
                "route.cats.topic", "alerts.cats"));

    try (Pipeline pipeline = Pipeline.around(engine, config, SchedulerMetrics.NONE)) {
      TopologyDescription description =
          ClassificationTopology.build(
                  TopologySpec.of(config), pipeline.classifier(), TopologyMetrics.NONE)
              .describe();

      assertThat(description.toString())
          .contains("Source: images-source (topics: [in])")
          .contains("Processor: classify (stores: [batch-buffer])")
          .contains("Sink: classifications-sink (topic: out)")
          .contains("Sink: dead-letter-sink (topic: dead)")
          .contains("Sink: route-cats-sink (topic: alerts.cats)");
    }
  }

  @Test
  void shouldPutTheAdmissionProcessorBetweenSourceAndClassifier() throws Exception {
    GnsConfig config = GnsConfig.fromMap(Map.of("bootstrap.servers", "unused:9092"));
    TopologySpec spec =
        TopologySpec.of(config)
            .withAdmission(
                () ->
                    new org.apache.kafka.streams.processor.api.Processor<
                        byte[], byte[], byte[], byte[]>() {
                      @Override
                      public void process(
                          org.apache.kafka.streams.processor.api.Record<byte[], byte[]> r) {}
                    });

    try (Pipeline pipeline = Pipeline.around(engine, config, SchedulerMetrics.NONE)) {
      String text =
          ClassificationTopology.build(spec, pipeline.classifier(), TopologyMetrics.NONE)
              .describe()
              .toString();

      assertThat(text)
          .contains("Processor: admit (stores: [])")
          .contains("--> classify")
          .contains("<-- admit");
    }
  }
}
