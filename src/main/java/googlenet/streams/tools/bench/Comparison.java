package googlenet.streams.tools.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A ratio between figures of one run that is no goal but shows where the pipeline stands.
 *
 * @param name what is compared
 * @param value the ratio
 */
public record Comparison(String name, double value) {
  /** Suffix of the id of a figure measured a second time (its mean with the first counts). */
  static final String AGAIN = "-again";

  /** The ratios the run's figures allow, given the default pipeline and its unlogged twin. */
  static List<Comparison> of(List<Figure> figures, String defaultId, String unloggedId) {
    List<Comparison> out = new ArrayList<>();
    add(
        out,
        "default pipeline / naive baseline",
        Targets.rate(figures, defaultId, "naive-baseline"));
    add(
        out,
        "default pipeline / consumer-loop baseline",
        Targets.rate(figures, defaultId, "consumer-loop"));
    add(
        out,
        "classifier without Kafka (decode-engine) / ceiling",
        Targets.find(figures, "decode-engine").map(Figure::ratioToCeiling));
    double durable = meanRate(figures, defaultId);
    double unlogged = meanRate(figures, unloggedId);
    if (durable > 0 && unlogged > 0) {
      out.add(
          new Comparison(
              "throughput lost to the durable buffer (1 - durable / without changelog, means of"
                  + " the measurements)",
              1 - durable / unlogged));
    }
    return out;
  }

  private static void add(List<Comparison> out, String name, Optional<Double> value) {
    value.ifPresent(v -> out.add(new Comparison(name, v)));
  }

  /** Mean images/s of figure {@code id} and its {@link #AGAIN} measurement, 0 when neither. */
  static double meanRate(List<Figure> figures, String id) {
    return figures.stream()
        .filter(f -> f.id().equals(id) || f.id().equals(id + AGAIN))
        .mapToDouble(Figure::imagesPerSecond)
        .average()
        .orElse(0);
  }
}
