package googlenet.streams.bench;

import java.util.Map;
import java.util.TreeMap;

/**
 * A throughput figure as reported: the measurement and its ratio to the ceiling of the same run.
 *
 * @param id stable identifier, e.g. {@code pipeline-eos-b8}
 * @param stage stage number of issue 5
 * @param description what was measured
 * @param imagesPerSecond images per second
 * @param ratioToCeiling imagesPerSecond divided by the ceiling's images per second
 * @param images images counted
 * @param seconds wall time counted, in seconds
 * @param settings what differs between figures
 */
public record Figure(
    String id,
    int stage,
    String description,
    double imagesPerSecond,
    double ratioToCeiling,
    long images,
    double seconds,
    Map<String, String> settings) {

  /** Sorts the settings by key. */
  public Figure {
    settings = new TreeMap<>(settings);
  }

  /** {@code t} against {@code ceiling} images/s. */
  static Figure of(Throughput t, double ceiling) {
    return new Figure(
        t.id(),
        t.stage(),
        t.description(),
        t.imagesPerSecond(),
        ceiling > 0 ? t.imagesPerSecond() / ceiling : 0,
        t.images(),
        t.seconds(),
        t.settings());
  }
}
