package googlenet.streams.tools.bench;

/**
 * A goal of issue 5 (or 6) and how this run fared.
 *
 * @param name what is compared
 * @param goal the goal, in words
 * @param value the measured value (a ratio or milliseconds, see unit)
 * @param unit {@code ratio} or {@code ms}
 * @param met true when the goal is met, false when not; null when not measured in this run
 */
public record Target(String name, String goal, Double value, String unit, Boolean met) {

  /** Not measured in this run. */
  static Target missing(String name, String goal, String unit) {
    return new Target(name, goal, null, unit, null);
  }

  /** {@code value >= min}. */
  static Target atLeast(String name, String goal, double value, String unit, double min) {
    return new Target(name, goal, value, unit, value >= min);
  }

  /** {@code value <= max}. */
  static Target atMost(String name, String goal, double value, String unit, double max) {
    return new Target(name, goal, value, unit, value <= max);
  }
}
