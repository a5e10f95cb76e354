package googlenet.streams.tools.bench;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A throughput figure as reported: the measurement and its ratio to the ceiling of the same run.
 *
 * @param id stable identifier, e.g. {@code pipeline-eos-b8}
 * @param stage the stage column ({@link BenchSettings.Stage#number()})
 * @param description what was measured
 * @param imagesPerSecond images per second
 * @param ratioToCeiling imagesPerSecond divided by the ceiling's images per second
 * @param images images counted
 * @param seconds wall time counted, in seconds
 * @param cpuMsPerImage process CPU ms per image (all threads), 0 when unknown
 * @param cpuRatioToCeiling the ceiling's CPU ms per image divided by this figure's: the ratio to
 *     expect on an otherwise idle machine when the work is CPU-bound; 0 when unknown
 * @param cpu where the CPU ms/image went; null for a stage-1 figure or when unknown
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
    double cpuMsPerImage,
    double cpuRatioToCeiling,
    CpuSplit cpu,
    Map<String, String> settings) {

  /** Sorts the settings by key. */
  public Figure {
    settings = new TreeMap<>(settings);
  }

  /** {@code t} against the ceiling figure and the stage-1 figures of the run. */
  static Figure of(Throughput t, Throughput ceilingFigure, List<Throughput> engineFigures) {
    double ceiling = ceilingFigure == null ? 0 : ceilingFigure.imagesPerSecond();
    double ceilingCpu = ceilingFigure == null ? 0 : ceilingFigure.cpuMsPerImage();
    return new Figure(
        t.id(),
        t.stage(),
        t.description(),
        t.imagesPerSecond(),
        ceiling > 0 ? t.imagesPerSecond() / ceiling : 0,
        t.images(),
        t.seconds(),
        t.cpuMsPerImage(),
        ceilingCpu > 0 && t.cpuMsPerImage() > 0 ? ceilingCpu / t.cpuMsPerImage() : 0,
        CpuSplit.of(t, engineFigures).orElse(null),
        t.settings());
  }
}
