package googlenet.streams.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import googlenet.streams.config.GnsConfig;
import googlenet.streams.image.ImageLimits;
import googlenet.streams.image.ImagePreprocessor;
import googlenet.streams.image.PreprocessProfile;
import googlenet.streams.inference.OnnxInferenceEngine;
import googlenet.streams.label.Labels;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.TopologyDescription;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ClassificationTopologyTest {
  private static OnnxInferenceEngine engine;

  @BeforeAll
  static void openEngine() throws Exception {
    engine = Engines.small();
  }

  @AfterAll
  static void closeEngine() {
    engine.close();
  }

  @Test
  void shouldWireSourceProcessorStoreAndOneSinkPerTopic() {
    GnsConfig config =
        GnsConfig.fromMap(
            Map.of(
                "input.topic", "in",
                "output.topic", "out",
                "dlq.topic", "dead",
                "route.cats.match", "tabby cat",
                "route.cats.topic", "alerts.cats"));

    TopologyDescription description = ClassificationTopology.build(config, engine).describe();

    String text = description.toString();
    assertThat(text)
        .contains("Source: images-source (topics: [in])")
        .contains("Processor: classify (stores: [batch-buffer])")
        .contains("Sink: classifications-sink (topic: out)")
        .contains("Sink: dead-letter-sink (topic: dead)")
        .contains("Sink: route-cats-sink (topic: alerts.cats)");
  }

  @Test
  void shouldHaveNoStoreWhenBatchSizeIsOne() {
    GnsConfig config = GnsConfig.fromMap(Map.of("batch.max.size", "1"));

    assertThat(ClassificationTopology.build(config, engine).describe().toString())
        .contains("Processor: classify (stores: [])");
  }

  @Test
  void shouldRefuseLabelsThatDoNotFitTheModel() {
    ImagePreprocessor preprocessor =
        new ImagePreprocessor(PreprocessProfile.CAFFE_BGR, ImageLimits.DEFAULT);

    assertThatThrownBy(() -> new Pipeline(preprocessor, engine, Labels.indexOnly(10)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("names 10 classes")
        .hasMessageContaining("has 1000");
  }

  @Test
  void shouldNameAnUnreadableLabelFile() {
    GnsConfig config = GnsConfig.fromMap(Map.of("labels.path", "/nonexistent/synset.txt"));

    assertThatThrownBy(() -> ClassificationTopology.build(config, engine))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("/nonexistent/synset.txt");
  }
}
