package googlenet.streams.tools.bench;

/**
 * A goal of the benchmark and how this run fared.
 *
 * @param name what is compared
 * @param goal the goal, in words
 * @param value the measured value, in {@code unit}; null when not measured in this run
 * @param unit {@code ratio}, {@code ms}, {@code CPU ms/image} or {@code cores}
 * @param bound the goal's bound, in {@code unit}
 * @param met true when the goal is met, false when not; null when not measured in this run
 * @param missedBy when missed, how far the value is from the bound, in {@code unit}; else null
 */
public record Target(
    String name,
    String goal,
    Double value,
    String unit,
    double bound,
    Boolean met,
    Double missedBy) {

  /** Not measured in this run. */
  static Target missing(String name, String goal, String unit, double bound) {
    return new Target(name, goal, null, unit, bound, null, null);
  }

  /** {@code value >= min}. */
  static Target atLeast(String name, String goal, double value, String unit, double min) {
    boolean met = value >= min;
    return new Target(name, goal, value, unit, min, met, met ? null : min - value);
  }

  /** {@code value <= max}. */
  static Target atMost(String name, String goal, double value, String unit, double max) {
    boolean met = value <= max;
    return new Target(name, goal, value, unit, max, met, met ? null : value - max);
  }
}
