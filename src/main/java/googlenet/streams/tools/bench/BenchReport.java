package googlenet.streams.tools.bench;

import java.util.List;

/**
 * The whole result of a benchmark run, as written to {@code bench.json}.
 *
 * @param header model, machine, versions, settings
 * @param ceilingId id of the figure used as the ceiling (the best raw engine batch size)
 * @param ceilingImagesPerSecond its images per second
 * @param figures every throughput figure with its ratio to the ceiling, in run order
 * @param latencies latency at each offered load
 * @param targets the goals of the issue and how this run fared
 * @param notes what was not measured and why, and how figures were taken
 */
public record BenchReport(
    Header header,
    String ceilingId,
    double ceilingImagesPerSecond,
    List<Figure> figures,
    List<Latency> latencies,
    List<Target> targets,
    List<String> notes) {

  /** Copies the lists. */
  public BenchReport {
    figures = List.copyOf(figures);
    latencies = List.copyOf(latencies);
    targets = List.copyOf(targets);
    notes = List.copyOf(notes);
  }
}
