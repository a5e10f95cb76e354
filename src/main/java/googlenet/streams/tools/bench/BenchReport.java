package googlenet.streams.tools.bench;

import java.util.List;

/**
 * The whole result of a benchmark run, as written to {@code bench.json}.
 *
 * @param header model, machine, versions, settings
 * @param ceilingId id of the figure used as the ceiling (the best raw engine batch size)
 * @param ceilingImagesPerSecond its images per second
 * @param figures every throughput figure with its ratio to the ceiling and CPU split, in run order
 * @param latencies latency at each offered load
 * @param targets the benchmark's goals and how this run fared
 * @param comparisons ratios between figures that are no goal
 * @param gpuCapacity cores needed outside inference per 5,000 images/s; null when not measured
 * @param notes what was not measured and why, and how figures were taken
 */
public record BenchReport(
    Header header,
    String ceilingId,
    double ceilingImagesPerSecond,
    List<Figure> figures,
    List<Latency> latencies,
    List<Target> targets,
    List<Comparison> comparisons,
    GpuCapacity gpuCapacity,
    List<String> notes) {

  /** Copies the lists. */
  public BenchReport {
    figures = List.copyOf(figures);
    latencies = List.copyOf(latencies);
    targets = List.copyOf(targets);
    comparisons = List.copyOf(comparisons);
    notes = List.copyOf(notes);
  }
}
