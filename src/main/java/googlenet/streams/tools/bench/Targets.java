package googlenet.streams.tools.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Checks a run's figures against the goals of issues 5 and 6. No test asserts these. */
final class Targets {
  /** Suffix of the id of a figure measured a second time (its mean with the first counts). */
  static final String AGAIN = "-again";

  private Targets() {}

  /**
   * The goals, given the figures of one run.
   *
   * @param small whether the model is the small synthetic one (goal 0.60 instead of 0.90)
   * @param defaultId id of the default pipeline figure (exactly-once, default batch)
   * @param memoryId id of the same with the buffer without changelog
   * @param delayMs batch.max.delay.ms
   * @param batchInferenceMs one default-size batch's inference time at the engine
   */
  static List<Target> evaluate(
      List<Figure> figures,
      List<Latency> latencies,
      boolean small,
      String defaultId,
      String memoryId,
      long delayMs,
      double batchInferenceMs) {
    List<Target> out = new ArrayList<>();
    double goal = small ? 0.60 : 0.90;
    String pipelineName = "pipeline exactly-once, default batching / ceiling";
    String pipelineGoal = ">= " + goal + (small ? " (small model)" : " (full model)");
    out.add(
        find(figures, defaultId)
            .map(f -> Target.atLeast(pipelineName, pipelineGoal, f.ratioToCeiling(), "ratio", goal))
            .orElse(Target.missing(pipelineName, pipelineGoal, "ratio")));
    out.add(ratio(figures, defaultId, "naive-baseline", "default batching / naive baseline"));
    out.add(bufferCost(figures, defaultId, memoryId));
    out.add(p99(latencies, delayMs, batchInferenceMs));
    String backfill = "backfill / ceiling";
    out.add(
        find(figures, "backfill")
            .map(
                f ->
                    Target.atLeast(
                        backfill, ">= 0.95 (issue 6)", f.ratioToCeiling(), "ratio", 0.95))
            .orElse(Target.missing(backfill, ">= 0.95 (issue 6)", "ratio")));
    return out;
  }

  private static Target ratio(List<Figure> figures, String a, String b, String name) {
    Optional<Figure> fa = find(figures, a);
    Optional<Figure> fb = find(figures, b);
    if (fa.isEmpty() || fb.isEmpty() || fb.get().imagesPerSecond() <= 0) {
      return Target.missing(name, ">= 1.0", "ratio");
    }
    return Target.atLeast(
        name, ">= 1.0", fa.get().imagesPerSecond() / fb.get().imagesPerSecond(), "ratio", 1.0);
  }

  private static Target bufferCost(List<Figure> figures, String durable, String memory) {
    String name = "throughput lost to the durable buffer (1 - durable / without changelog)";
    double d = meanRate(figures, durable);
    double m = meanRate(figures, memory);
    if (d <= 0 || m <= 0) {
      return Target.missing(name, "<= 0.10", "ratio");
    }
    return Target.atMost(name, "<= 0.10", 1 - d / m, "ratio", 0.10);
  }

  /** Mean images/s of figure {@code id} and its {@link #AGAIN} measurement, 0 when neither. */
  static double meanRate(List<Figure> figures, String id) {
    return figures.stream()
        .filter(f -> f.id().equals(id) || f.id().equals(id + AGAIN))
        .mapToDouble(Figure::imagesPerSecond)
        .average()
        .orElse(0);
  }

  private static Target p99(List<Latency> latencies, long delayMs, double batchMs) {
    double bound = delayMs + 2 * batchMs + 150;
    String name = "p99 latency at 50% load";
    String goal =
        String.format(
            java.util.Locale.ROOT,
            "<= %d ms delay + 2 x %.0f ms batch inference + 150 ms = %.0f ms",
            delayMs,
            batchMs,
            bound);
    return latencies.stream()
        .filter(l -> Math.abs(l.loadFraction() - 0.5) < 1e-9)
        .findFirst()
        .map(l -> Target.atMost(name, goal, l.p99Ms(), "ms", bound))
        .orElse(Target.missing(name, goal, "ms"));
  }

  static Optional<Figure> find(List<Figure> figures, String id) {
    return figures.stream().filter(f -> f.id().equals(id)).findFirst();
  }
}
