package googlenet.streams.tools.demo;

import java.util.Map;

/**
 * What {@link Throughput} measures.
 *
 * @param images number of JPEG pictures
 * @param width picture width
 * @param height picture height
 * @param modelSpec {@code synthetic}, {@code synthetic-small} or an ONNX file
 * @param partitions partitions of the input and output topics
 * @param extraConfig service configuration keys over the defaults, e.g. batch.max.size
 */
public record ThroughputSettings(
    int images,
    int width,
    int height,
    String modelSpec,
    int partitions,
    Map<String, String> extraConfig) {

  /** Validates the numbers. */
  public ThroughputSettings {
    if (images < 1 || width < 1 || height < 1 || partitions < 1) {
      throw new IllegalArgumentException(
          "images, width, height and partitions must be >= 1, got "
              + images
              + ", "
              + width
              + ", "
              + height
              + ", "
              + partitions);
    }
    extraConfig = Map.copyOf(extraConfig);
  }
}
