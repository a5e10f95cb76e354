package googlenet.streams.tools.bench;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.DoubleStream;

/**
 * How a soak run's figures moved: the samples after the warm-up are cut into quarters, and the last
 * quarter is compared with the first. Memory compares means; latency compares the median of the
 * intervals' p99, and calls a change noise when it is within the larger interquartile range of the
 * two quarters' interval p99s.
 *
 * @param warmUpSamples samples left out at the start
 * @param quarterSamples samples in each compared quarter
 * @param rss resident set size, MiB
 * @param heapAfterGc heap after GC, MiB
 * @param heapLive live heap after the forced full collections, MiB; null when a quarter has none
 * @param direct direct buffers, MiB
 * @param nativeProxy native-memory proxy, MiB
 * @param cpuMsPerImage process CPU ms per image (mean of the intervals with results): with the JIT
 *     warm-up over, the steady cost of an image
 * @param brokerMsPerImage the in-JVM broker's share of it, likewise
 * @param decodeMsPerImage the decode threads' share of it, likewise
 * @param jitMsPerImage the JIT compiler's share of it, likewise
 * @param inferenceMsPerImage the inference threads' share of it, likewise: with {@code
 *     cpuMsPerImage}, what an image costs outside inference
 * @param p99 median of the intervals' p99 latency, ms
 * @param p99NoiseMs the larger interquartile range of the two quarters' interval p99s
 * @param p99BeyondNoise whether the p99 moved by more than {@link #p99NoiseMs}
 */
public record SoakDrift(
    int warmUpSamples,
    int quarterSamples,
    Change rss,
    Change heapAfterGc,
    Change heapLive,
    Change direct,
    Change nativeProxy,
    Change cpuMsPerImage,
    Change brokerMsPerImage,
    Change decodeMsPerImage,
    Change jitMsPerImage,
    Change inferenceMsPerImage,
    Change p99,
    double p99NoiseMs,
    boolean p99BeyondNoise) {

  /**
   * A figure in the first and last quarter.
   *
   * @param first in the first quarter after the warm-up
   * @param last in the last quarter
   * @param percent {@code (last - first) / first} in percent; 0 when first is 0
   */
  public record Change(double first, double last, double percent) {
    static Change of(double first, double last) {
      return new Change(first, last, first == 0 ? 0 : (last - first) / first * 100);
    }
  }

  /** Share of the samples counted as warm-up. */
  static final double WARM_UP = 0.2;

  /** Samples a run needs for a drift: one warm-up sample and a quarter of at least one. */
  static final int MIN_SAMPLES = 5;

  /** The drift of {@code samples}; null when there are fewer than {@link #MIN_SAMPLES}. */
  public static SoakDrift of(List<SoakSample> samples) {
    if (samples.size() < MIN_SAMPLES) {
      return null;
    }
    int warm = Math.max(1, (int) Math.round(samples.size() * WARM_UP));
    List<SoakSample> steady = samples.subList(warm, samples.size());
    int quarter = Math.max(1, steady.size() / 4);
    List<SoakSample> first = steady.subList(0, quarter);
    List<SoakSample> last = steady.subList(steady.size() - quarter, steady.size());
    double[] p99First = p99s(first);
    double[] p99Last = p99s(last);
    Change p99 = Change.of(quantile(p99First, 0.5), quantile(p99Last, 0.5));
    double noise = Math.max(iqr(p99First), iqr(p99Last));
    return new SoakDrift(
        warm,
        quarter,
        mean(first, last, SoakSample::rssMb),
        mean(first, last, SoakSample::heapAfterGcMb),
        live(first, last),
        mean(first, last, SoakSample::directMb),
        mean(first, last, SoakSample::nativeMb),
        mean(first, last, SoakSample::cpuMsPerImage),
        mean(first, last, SoakSample::brokerMsPerImage),
        mean(first, last, SoakSample::decodeMsPerImage),
        mean(first, last, SoakSample::jitMsPerImage),
        mean(first, last, SoakSample::inferenceMsPerImage),
        p99,
        noise,
        Math.abs(p99.last() - p99.first()) > noise);
  }

  /** A figure's mean in each quarter, over the samples that have it (0 when none has). */
  private static Change mean(
      List<SoakSample> first, List<SoakSample> last, Function<SoakSample, Double> f) {
    return Change.of(mean(first, f), mean(last, f));
  }

  private static double mean(List<SoakSample> samples, Function<SoakSample, Double> f) {
    return present(samples, f).average().orElse(0);
  }

  private static DoubleStream present(List<SoakSample> samples, Function<SoakSample, Double> f) {
    return samples.stream().map(f).filter(Objects::nonNull).mapToDouble(Double::doubleValue);
  }

  /** The mean live heap of the forced-GC samples in each quarter; null when a quarter has none. */
  private static Change live(List<SoakSample> first, List<SoakSample> last) {
    Function<SoakSample, Double> live = SoakSample::heapLiveMb;
    if (present(first, live).findAny().isEmpty() || present(last, live).findAny().isEmpty()) {
      return null;
    }
    return mean(first, last, live);
  }

  private static double[] p99s(List<SoakSample> samples) {
    return present(samples, SoakSample::p99Ms).sorted().toArray();
  }

  private static double iqr(double[] sorted) {
    return quantile(sorted, 0.75) - quantile(sorted, 0.25);
  }

  /** Linear-interpolated quantile of sorted values; 0 for none. */
  static double quantile(double[] sorted, double q) {
    if (sorted.length == 0) {
      return 0;
    }
    double pos = q * (sorted.length - 1);
    int lo = (int) Math.floor(pos);
    int hi = Math.min(sorted.length - 1, lo + 1);
    return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
  }
}
