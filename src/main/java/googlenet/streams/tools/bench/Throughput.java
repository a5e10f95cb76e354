package googlenet.streams.tools.bench;

import java.util.LinkedHashMap;
import java.util.Locale;
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

  /** Settings key of the in-JVM broker's share of {@link #cpuMsPerImage}. */
  static final String BROKER_CPU = "in-JVM broker CPU ms/image";

  /**
   * From a {@link ResultReader#steadyWindow} {images, wall nanos, process CPU nanos, broker CPU
   * nanos}; the broker's share, when known, is added to the settings as {@link #BROKER_CPU}.
   */
  static Throughput ofWindow(
      String id, int stage, String description, long[] window, Map<String, String> settings) {
    Map<String, String> s = new LinkedHashMap<>(settings);
    if (window[3] >= 0 && window[0] > 0) {
      s.put(BROKER_CPU, String.format(Locale.ROOT, "%.1f", window[3] / 1e6 / window[0]));
    }
    return of(id, stage, description, window[0], window[1], window[2], s);
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
