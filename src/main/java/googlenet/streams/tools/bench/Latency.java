package googlenet.streams.tools.bench;

import java.util.List;

/**
 * End-to-end latency of the pipeline at a fixed offered load: from a record's produce time (its
 * timestamp, set by the producer) to the time a read_committed consumer received its result.
 *
 * @param id stable identifier, e.g. {@code latency-50}
 * @param loadFraction offered load as a fraction of the pipeline's measured maximum
 * @param offeredPerSecond images per second the paced producer offered
 * @param deliveredPerSecond results per second received over the measured window
 * @param measured images whose latency was measured (after the warm-up)
 * @param received of those, results received before the deadline
 * @param p50Ms median latency in milliseconds
 * @param p95Ms 95th percentile
 * @param p99Ms 99th percentile
 * @param maxMs largest
 * @param cdfMs the latency at each percentile 0, 1, ..., 100 (101 values), for the chart
 */
public record Latency(
    String id,
    double loadFraction,
    double offeredPerSecond,
    double deliveredPerSecond,
    long measured,
    long received,
    double p50Ms,
    double p95Ms,
    double p99Ms,
    double maxMs,
    List<Double> cdfMs) {

  /** Copies the CDF. */
  public Latency {
    cdfMs = List.copyOf(cdfMs);
  }

  /** Summarises sorted latencies in milliseconds. */
  static Latency of(
      String id,
      double fraction,
      double offered,
      double delivered,
      long measured,
      long[] sortedMs) {
    Double[] cdf = new Double[101];
    for (int p = 0; p <= 100; p++) {
      cdf[p] = percentile(sortedMs, p);
    }
    return new Latency(
        id,
        fraction,
        offered,
        delivered,
        measured,
        sortedMs.length,
        percentile(sortedMs, 50),
        percentile(sortedMs, 95),
        percentile(sortedMs, 99),
        percentile(sortedMs, 100),
        List.of(cdf));
  }

  /** Nearest-rank percentile of sorted values; 0 for none. */
  static double percentile(long[] sorted, double p) {
    if (sorted.length == 0) {
      return 0;
    }
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }
}
