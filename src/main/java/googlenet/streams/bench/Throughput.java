package googlenet.streams.bench;

import java.util.Map;

/**
 * One throughput figure of the suite.
 *
 * @param id stable identifier, e.g. {@code engine-b8}, {@code pipeline-eos-b8}
 * @param stage the stage number of issue 5 (1 raw engine ... 6 backfill)
 * @param description what was measured, in words
 * @param imagesPerSecond images per second (the steady window for Kafka stages)
 * @param images images the figure counts
 * @param seconds wall time the figure counts, in seconds
 * @param cpuMsPerImage process CPU time (all threads, broker included) per image over the same
 *     window, in milliseconds; 0 when unknown. Less sensitive to other load than images/s
 * @param settings the settings that differ between figures (batch, guarantee, buffer ...)
 */
public record Throughput(
    String id,
    int stage,
    String description,
    double imagesPerSecond,
    long images,
    double seconds,
    double cpuMsPerImage,
    Map<String, String> settings) {

  /** Copies the settings. */
  public Throughput {
    settings = Map.copyOf(settings);
  }

  /** From a count of images, the wall and process CPU nanoseconds they took. */
  static Throughput of(
      String id,
      int stage,
      String description,
      long images,
      long nanos,
      long cpuNanos,
      Map<String, String> settings) {
    double seconds = nanos / 1e9;
    return new Throughput(
        id,
        stage,
        description,
        seconds > 0 ? images / seconds : 0,
        images,
        seconds,
        images > 0 && cpuNanos >= 0 ? cpuNanos / 1e6 / images : 0,
        settings);
  }
}
