package googlenet.streams.tools.bench;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * When the unreported runs of the default pipeline before the first Kafka figure may stop, and what
 * they did. The JIT compiler settles with the number of images run, not with the number of runs: a
 * soak of the small model needed about 8,000 images (75 s) before its share fell under {@value
 * #SETTLED_MS} CPU ms/image to stay, while three runs of 200 images left it at 2-4 ms/image, more
 * than everything else outside inference, in the first figures. Runs repeat until the last one's
 * JIT share is under {@value #SETTLED_MS} ms/image, or until another run, as long as the runs so
 * far took on average, would end past the budget ({@link BenchSettings#warmUpSeconds}). The
 * threshold is in milliseconds, not a share of the run's CPU: on the full model inference makes any
 * share small while the JIT still costs more than everything else outside inference.
 *
 * @param runs the runs' figures, in order (not empty)
 * @param seconds wall-clock seconds the runs took in all
 * @param budgetSeconds the budget they ran within
 * @param onSmallModel whether they ran on the small synthetic model instead of the run's own
 */
record WarmUp(List<Throughput> runs, double seconds, double budgetSeconds, boolean onSmallModel) {
  /** A run whose JIT compiler took less than this many CPU ms per image is warm. */
  static final double SETTLED_MS = 0.5;

  WarmUp {
    runs = List.copyOf(runs);
  }

  /** True when the last run's JIT share is under {@link #SETTLED_MS} or could not be measured. */
  boolean jitSettled() {
    Double jit = runs.get(runs.size() - 1).jitMsPerImage();
    return jit == null || jit < SETTLED_MS;
  }

  /**
   * True when no further run is needed: the JIT has settled or another run would pass the budget.
   */
  boolean done() {
    return jitSettled() || seconds + seconds / runs.size() > budgetSeconds;
  }

  /**
   * E.g. {@code 3 runs of 400 images in 9 s (budget 60 s; stopped: JIT under 0.5 ms/image); CPU
   * ms/image (JIT compiler's share) 14.1 (2.9), 10.2 (1.4), 9.0 (0.4)}.
   */
  String describe(int images) {
    return String.format(
            Locale.ROOT,
            "%d %s of %d images in %.0f s (budget %.0f s; stopped: %s)",
            runs.size(),
            runs.size() == 1 ? "run" : "runs",
            images,
            seconds,
            budgetSeconds,
            jitSettled() ? "JIT under " + SETTLED_MS + " ms/image" : "budget")
        + " through the default pipeline; CPU ms/image (JIT compiler's share) "
        + runs.stream().map(WarmUp::figure).collect(Collectors.joining(", "))
        + (onSmallModel ? ", on the small synthetic model" : "");
  }

  private static String figure(Throughput r) {
    Double jit = r.jitMsPerImage();
    return String.format(
        Locale.ROOT,
        "%.1f (%s)",
        r.cpuMsPerImage(),
        jit == null ? "-" : String.format(Locale.ROOT, "%.1f", jit));
  }
}
