package googlenet.streams.topology;

import googlenet.streams.config.GnsConfig;
import googlenet.streams.image.ImagePreprocessor;
import googlenet.streams.inference.InferenceEngine;
import googlenet.streams.label.Labels;
import googlenet.streams.ops.PipelineMetrics;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import org.apache.kafka.common.config.ConfigException;

/**
 * The stages a topology runs, built once per process and shared by every task: the preprocessor
 * (thread-safe), the engine (thread-safe, one per device) and the labels (immutable).
 *
 * @param preprocessor decodes and preprocesses images
 * @param engine runs batches
 * @param labels names the engine's classes
 * @param metrics what the topology reports to ({@link PipelineMetrics#NONE} for nothing)
 */
public record Pipeline(
    ImagePreprocessor preprocessor,
    InferenceEngine engine,
    Labels labels,
    PipelineMetrics metrics) {

  /** Checks that the labels name exactly the model's classes. */
  public Pipeline {
    Objects.requireNonNull(preprocessor, "preprocessor");
    Objects.requireNonNull(engine, "engine");
    Objects.requireNonNull(labels, "labels");
    Objects.requireNonNull(metrics, "metrics");
    int classes = engine.model().classes();
    if (labels.size() != classes) {
      throw new IllegalArgumentException(
          "the label file names "
              + labels.size()
              + " classes but model "
              + engine.model().name()
              + " has "
              + classes
              + "; configure labels.path with a file of "
              + classes
              + " lines, or leave it empty");
    }
  }

  /** The stages, reporting no metrics. */
  public Pipeline(ImagePreprocessor preprocessor, InferenceEngine engine, Labels labels) {
    this(preprocessor, engine, labels, PipelineMetrics.NONE);
  }

  /** {@link #from(GnsConfig, InferenceEngine, PipelineMetrics)} reporting no metrics. */
  public static Pipeline from(GnsConfig config, InferenceEngine engine) {
    return from(config, engine, PipelineMetrics.NONE);
  }

  /**
   * The stages {@code config} asks for around an open engine: the preprocessing profile and limits,
   * and the labels of {@code labels.path} (or "class N" names without one).
   *
   * @throws ConfigException naming the label file when it cannot be read
   * @throws IllegalArgumentException when the labels do not fit the model
   */
  public static Pipeline from(GnsConfig config, InferenceEngine engine, PipelineMetrics metrics) {
    ImagePreprocessor preprocessor =
        new ImagePreprocessor(
            config.preprocessProfile(), config.imageLimits(), config.imageDecoder());
    Labels labels =
        config
            .labelsPath()
            .map(Pipeline::loadLabels)
            .orElseGet(() -> Labels.defaultFor(engine.model().classes()));
    return new Pipeline(preprocessor, engine, labels, metrics);
  }

  private static Labels loadLabels(Path file) {
    try {
      return Labels.load(file);
    } catch (IOException e) {
      throw new ConfigException(
          "cannot read labels.path " + file + " (" + e + "); fix the path or leave it empty");
    }
  }
}
