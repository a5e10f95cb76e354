package googlenet.streams.tools.bench;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * When the unreported runs of the default pipeline before the first Kafka figure may stop. One run
 * left the JIT compiling Kafka Streams, the clients and the broker through the first figures (2-3
 * CPU ms/image of 14 on the small model, against ~1 in the later figures), so the default pipeline,
 * always measured first, paid a warm-up the others did not. Runs repeat until the JIT compiler's
 * CPU per image is below {@value #SETTLED_MS} ms, or no longer falls below {@value #STILL_FALLING}
 * of the run before, at most {@value #MAX_RUNS} runs. The threshold is in milliseconds, not a share
 * of the run's CPU: on the full model inference makes any share small while the JIT still costs
 * more than everything else outside inference.
 */
final class WarmUp {
  /** At most this many warm-up runs. */
  static final int MAX_RUNS = 5;

  /** A run whose JIT compiler took less than this many CPU ms per image is warm. */
  static final double SETTLED_MS = 0.5;

  /** A run whose JIT CPU per image is not below this share of the previous run's is warm. */
  static final double STILL_FALLING = 0.8;

  private WarmUp() {}

  /** True when no further warm-up run is needed after {@code runs} (in order, not empty). */
  static boolean settled(List<Throughput> runs) {
    if (runs.size() >= MAX_RUNS) {
      return true;
    }
    Throughput last = runs.get(runs.size() - 1);
    if (last.jitMsPerImage() == null) {
      return true; // nothing to judge by
    }
    if (last.jitMsPerImage() < SETTLED_MS) {
      return true;
    }
    if (runs.size() < 2) {
      return false;
    }
    Double before = runs.get(runs.size() - 2).jitMsPerImage();
    return before != null && last.jitMsPerImage() >= STILL_FALLING * before;
  }

  /** E.g. {@code 3 runs of 200 images; CPU ms/image (JIT compiler) 14.1 (2.9), 10.2 (1.4), ...}. */
  static String describe(List<Throughput> runs, int images) {
    return runs.size()
        + (runs.size() == 1 ? " run" : " runs")
        + " of "
        + images
        + " images through the default pipeline; CPU ms/image (JIT compiler's share) "
        + runs.stream()
            .map(
                r ->
                    String.format(
                        Locale.ROOT,
                        "%.1f (%s)",
                        r.cpuMsPerImage(),
                        r.jitMsPerImage() == null
                            ? "-"
                            : String.format(Locale.ROOT, "%.1f", r.jitMsPerImage())))
            .collect(Collectors.joining(", "));
  }
}
