package googlenet.streams.ops;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What a comparison of a live and a shadow topic found.
 *
 * @param live classifications read from the live topic in the range
 * @param shadow classifications read from the shadow topic in the range
 * @param pairs images both labelled
 * @param top1Agreement share of the pairs with the same top-1 class, in [0, 1]
 * @param top5Overlap mean share of the live top-k classes also in the shadow's top-k
 * @param meanDelta mean difference of the top-1 probabilities
 * @param p95Delta 95th percentile of that difference
 * @param maxDelta largest difference
 * @param liveModels the models ("name version") on the live results
 * @param shadowModels the models on the shadow results
 */
public record ComparisonReport(
    long live,
    long shadow,
    long pairs,
    double top1Agreement,
    double top5Overlap,
    double meanDelta,
    double p95Delta,
    double maxDelta,
    Set<String> liveModels,
    Set<String> shadowModels) {

  /** Copies the model sets. */
  public ComparisonReport {
    liveModels = Set.copyOf(liveModels);
    shadowModels = Set.copyOf(shadowModels);
  }

  static ComparisonReport of(
      long live,
      long shadow,
      List<double[]> pairs,
      Set<String> liveModels,
      Set<String> shadowModels) {
    int n = pairs.size();
    double[] deltas = pairs.stream().mapToDouble(p -> p[1]).sorted().toArray();
    return new ComparisonReport(
        live,
        shadow,
        n,
        n == 0 ? 0 : pairs.stream().mapToDouble(p -> p[0]).sum() / n,
        n == 0 ? 0 : pairs.stream().mapToDouble(p -> p[2]).sum() / n,
        n == 0 ? 0 : Arrays.stream(deltas).average().orElse(0),
        n == 0 ? 0 : deltas[(int) Math.min(n - 1, Math.ceil(0.95 * n) - 1)],
        n == 0 ? 0 : deltas[n - 1],
        liveModels,
        shadowModels);
  }

  /** The report as lines for people. */
  public List<String> lines() {
    return List.of(
        String.format(
            Locale.ROOT,
            "live: %d classifications by %s; shadow: %d by %s",
            live,
            liveModels,
            shadow,
            shadowModels),
        String.format(Locale.ROOT, "pairs (same input record): %d", pairs),
        String.format(Locale.ROOT, "top-1 agreement: %.1f%%", 100 * top1Agreement),
        String.format(Locale.ROOT, "top-k overlap: %.1f%%", 100 * top5Overlap),
        String.format(
            Locale.ROOT,
            "top-1 probability difference: mean %.4f, p95 %.4f, max %.4f",
            meanDelta,
            p95Delta,
            maxDelta));
  }
}
