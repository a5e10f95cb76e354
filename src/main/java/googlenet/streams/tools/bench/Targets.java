package googlenet.streams.tools.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * Checks a run's figures against the benchmark's goals (ratios within one run). With the small
 * model ({@code bench --quick}): the default pipeline's CPU ms/image outside inference, in-JVM
 * broker excluded, at most 3.0, and the default pipeline at least 0.60 of the engine ceiling. With
 * the full model ({@code bench}): the default pipeline at least 0.90 of the ceiling and 1.10x the
 * consumer-loop baseline. Both: backfill at least 0.95 of the ceiling, p99 latency at 50% load
 * within its bound, and at most 16 cores per 5,000 images/s outside inference. Reports, not tests:
 * no test asserts a timing.
 */
final class Targets {
  /** Most CPU ms/image outside inference (broker excluded) of the default pipeline, small model. */
  static final double OUTSIDE_INFERENCE_MS = 3.0;

  /** Most cores per {@link GpuCapacity#RATE} images/s outside inference. */
  static final double GPU_CORES = 16;

  private Targets() {}

  /**
   * What the goals are judged on.
   *
   * @param figures every figure of the run
   * @param latencies the latency figures
   * @param small whether the model is the small synthetic one
   * @param defaultId id of the default pipeline figure (exactly-once, default batch)
   * @param capacity the GPU capacity line, null when not computed
   * @param delayMs batch.max.delay.ms
   * @param batchInferenceMs one default-size batch's inference time at the engine
   */
  record Run(
      List<Figure> figures,
      List<Latency> latencies,
      boolean small,
      String defaultId,
      GpuCapacity capacity,
      long delayMs,
      double batchInferenceMs) {}

  /** The goals of {@code run}, in a fixed order. */
  static List<Target> evaluate(Run run) {
    List<Target> out = new ArrayList<>();
    Optional<Figure> pipeline = find(run.figures(), run.defaultId());
    double goal = run.small() ? 0.60 : 0.90;
    out.add(
        judge(
            "default pipeline (" + run.defaultId() + ") / ceiling",
            ">= " + goal + (run.small() ? " (small model)" : " (full model)"),
            "ratio",
            goal,
            true,
            pipeline.map(Figure::ratioToCeiling)));
    if (run.small()) {
      out.add(
          judge(
              "CPU ms/image outside inference, in-JVM broker excluded, default pipeline",
              "<= " + OUTSIDE_INFERENCE_MS + " (small model)",
              "CPU ms/image",
              OUTSIDE_INFERENCE_MS,
              false,
              pipeline.map(Figure::cpu).map(CpuSplit::outsideInferenceWithoutBrokerMs)));
    } else {
      out.add(
          judge(
              "default pipeline / consumer-loop baseline",
              ">= 1.10 (full model)",
              "ratio",
              1.10,
              true,
              rate(run.figures(), run.defaultId(), "consumer-loop")));
    }
    out.add(
        judge(
            "backfill / ceiling",
            ">= 0.95",
            "ratio",
            0.95,
            true,
            find(run.figures(), "backfill").map(Figure::ratioToCeiling)));
    out.add(p99(run));
    out.add(
        judge(
            String.format(
                Locale.ROOT,
                "cores per %,d images/s outside inference (GPU capacity)",
                GpuCapacity.RATE),
            "<= " + (int) GPU_CORES,
            "cores",
            GPU_CORES,
            false,
            Optional.ofNullable(run.capacity()).map(GpuCapacity::cores)));
    return out;
  }

  private static Target judge(
      String name, String goal, String unit, double bound, boolean atLeast, Optional<Double> v) {
    Function<Double, Target> judged =
        value ->
            atLeast
                ? Target.atLeast(name, goal, value, unit, bound)
                : Target.atMost(name, goal, value, unit, bound);
    return v.map(judged).orElse(Target.missing(name, goal, unit, bound));
  }

  /** Images/s of figure {@code a} over figure {@code b}'s, when both were measured. */
  static Optional<Double> rate(List<Figure> figures, String a, String b) {
    Optional<Figure> fa = find(figures, a);
    Optional<Figure> fb = find(figures, b);
    if (fa.isEmpty() || fb.isEmpty() || fb.get().imagesPerSecond() <= 0) {
      return Optional.empty();
    }
    return Optional.of(fa.get().imagesPerSecond() / fb.get().imagesPerSecond());
  }

  private static Target p99(Run run) {
    double bound = run.delayMs() + 2 * run.batchInferenceMs() + 150;
    String goal =
        String.format(
            Locale.ROOT,
            "<= %d ms delay + 2 x %.0f ms batch inference + 150 ms = %.0f ms",
            run.delayMs(),
            run.batchInferenceMs(),
            bound);
    Optional<Double> p99 =
        run.latencies().stream()
            .filter(l -> Math.abs(l.loadFraction() - 0.5) < 1e-9)
            .findFirst()
            .map(Latency::p99Ms);
    return judge("p99 latency at 50% load", goal, "ms", bound, false, p99);
  }

  static Optional<Figure> find(List<Figure> figures, String id) {
    return figures.stream().filter(f -> f.id().equals(id)).findFirst();
  }
}
