package googlenet.streams.ops;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The samples of a Prometheus text-format scrape, parsed for assertions. */
final class PrometheusSamples {
  private static final Pattern LINE =
      Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})?\\s+(\\S+)(?:\\s+\\d+)?");
  private static final Pattern LABEL =
      Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

  /** One sample line. */
  record Sample(String name, Map<String, String> labels, double value) {}

  private final List<Sample> samples;

  private PrometheusSamples(List<Sample> samples) {
    this.samples = List.copyOf(samples);
  }

  /** Parses every sample line of {@code text}, ignoring comments. */
  static PrometheusSamples parse(String text) {
    List<Sample> out = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      Matcher m = LINE.matcher(line.strip());
      if (!m.matches()) {
        throw new IllegalArgumentException("not a Prometheus sample line: " + line);
      }
      Map<String, String> labels = new LinkedHashMap<>();
      if (m.group(2) != null) {
        Matcher l = LABEL.matcher(m.group(2));
        while (l.find()) {
          labels.put(l.group(1), l.group(2));
        }
      }
      out.add(new Sample(m.group(1), labels, Double.parseDouble(m.group(3))));
    }
    return new PrometheusSamples(out);
  }

  /** The distinct sample names. */
  java.util.Set<String> names() {
    return new java.util.TreeSet<>(samples.stream().map(Sample::name).toList());
  }

  /** Every sample named {@code name}. */
  List<Sample> named(String name) {
    return samples.stream().filter(s -> s.name().equals(name)).toList();
  }

  /**
   * The value of the one sample named {@code name} whose labels include {@code labels}.
   *
   * @throws AssertionError when there is none or more than one
   */
  double value(String name, Map<String, String> labels) {
    List<Sample> found =
        named(name).stream()
            .filter(s -> s.labels().entrySet().containsAll(labels.entrySet()))
            .toList();
    if (found.size() != 1) {
      throw new AssertionError(
          found.size() + " samples " + name + labels + " in scrape; " + named(name));
    }
    return found.get(0).value();
  }

  /** The value of the one sample named {@code name}. */
  double value(String name) {
    return value(name, Map.of());
  }

  /** The value of the histogram bucket {@code le} of {@code name} (without {@code _bucket}). */
  double bucket(String name, String le) {
    return value(name + "_bucket", Map.of("le", le));
  }
}
