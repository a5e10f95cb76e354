package googlenet.streams.tools.bench;

import java.util.List;

/** Turns a run's measurements into the {@link BenchReport}: ratios, CPU split, goals, notes. */
final class ReportAssembly {
  private ReportAssembly() {}

  static BenchReport of(
      BenchSettings settings,
      Header header,
      boolean small,
      List<Throughput> measured,
      List<Latency> latencies) {
    Throughput ceiling = BenchSuite.ceiling(measured);
    List<Throughput> engine = measured.stream().filter(t -> t.stage() == 1).toList();
    List<Figure> figures = measured.stream().map(t -> Figure.of(t, ceiling, engine)).toList();
    String defaultId = Variant.of(settings.defaultBatch(), true, true).id();
    String unloggedId = Variant.of(settings.defaultBatch(), true, false).id();
    GpuCapacity capacity = Targets.find(figures, defaultId).map(GpuCapacity::of).orElse(null);
    double ceilingRate = ceiling == null ? 0 : ceiling.imagesPerSecond();
    List<Target> targets =
        Targets.evaluate(
            new Targets.Run(
                figures,
                latencies,
                small,
                defaultId,
                capacity,
                settings.batchDelayMs(),
                batchInferenceMs(settings, measured, ceilingRate)));
    return new BenchReport(
        header,
        ceiling == null ? "none" : ceiling.id(),
        ceilingRate,
        figures,
        latencies,
        targets,
        Comparison.of(figures, defaultId, unloggedId),
        capacity,
        ReportNotes.standard(settings));
  }

  /**
   * One default-size batch's inference time at the engine, in ms: the wall time of one run, so with
   * several calling threads sharing the cores, the threads times the batch over their joint rate.
   */
  private static double batchInferenceMs(
      BenchSettings settings, List<Throughput> measured, double ceiling) {
    double rate =
        measured.stream()
            .filter(t -> t.id().equals("engine-b" + settings.defaultBatch()))
            .mapToDouble(Throughput::imagesPerSecond)
            .findFirst()
            .orElse(ceiling);
    return rate > 0 ? settings.streamThreads() * settings.defaultBatch() * 1000.0 / rate : 0;
  }
}
