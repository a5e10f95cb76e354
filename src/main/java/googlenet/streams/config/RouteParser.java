package googlenet.streams.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.config.ConfigException;

/** Reads the {@code route.<name>.<field>} keys into {@link RouteRule}s, one per name. */
final class RouteParser {
  private static final String NAME = "[A-Za-z0-9_-]+";

  private RouteParser() {}

  /**
   * Parses the route keys of {@code values}, rules in name order; each bad key is recorded in
   * {@code problems} (naming the key, its value and what is accepted) and its rule left out.
   */
  static List<RouteRule> parse(Map<String, String> values, int topK, Problems problems) {
    Map<String, Map<String, String>> byName = new TreeMap<>();
    for (Map.Entry<String, String> e : values.entrySet()) {
      String key = e.getKey();
      if (!key.startsWith(GnsKeys.ROUTE_PREFIX)) {
        continue;
      }
      String rest = key.substring(GnsKeys.ROUTE_PREFIX.length());
      String field =
          RouteRule.FIELDS.stream()
              .filter(f -> rest.endsWith("." + f) && rest.length() > f.length() + 1)
              .max((a, b) -> Integer.compare(a.length(), b.length()))
              .orElse(null);
      if (field == null) {
        problems.add(unknownField(key));
        continue;
      }
      String name = rest.substring(0, rest.length() - field.length() - 1);
      if (!name.matches(NAME)) {
        problems.add(
            new ConfigException(
                key, e.getValue(), "a route name uses letters, digits, - and _ only"));
        continue;
      }
      byName.computeIfAbsent(name, n -> new TreeMap<>()).put(field, e.getValue());
    }
    List<RouteRule> rules = new ArrayList<>();
    byName.forEach(
        (name, fields) -> {
          RouteRule rule = problems.attempt(() -> rule(name, fields, topK), null);
          if (rule != null) {
            rules.add(rule);
          }
        });
    return List.copyOf(rules);
  }

  private static RouteRule rule(String name, Map<String, String> fields, int topK) {
    String prefix = GnsKeys.ROUTE_PREFIX + name + ".";
    String topic = require(prefix + "topic", fields.get("topic"));
    List<String> match = RouteRule.parseMatch(require(prefix + "match", fields.get("match")));
    if (match.isEmpty()) {
      throw new ConfigException(prefix + "match", fields.get("match"), "names no label");
    }
    double min =
        parseProbability(prefix + "min.probability", fields.getOrDefault("min.probability", "0"));
    int top = parseTop(prefix + "top", fields.getOrDefault("top", "1"), topK);
    return new RouteRule(name, match, min, topic.strip(), top);
  }

  private static String require(String key, String value) {
    if (value == null || value.isBlank()) {
      throw new ConfigException(
          key + " is required for the route; set it (see 'googlenet-streams config keys')");
    }
    return value;
  }

  private static double parseProbability(String key, String value) {
    try {
      double d = Double.parseDouble(value.strip());
      if (d >= 0 && d <= 1) {
        return d;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new ConfigException(key, value, "accepted: a number in [0, 1], e.g. 0.6");
  }

  private static int parseTop(String key, String value, int topK) {
    try {
      int top = Integer.parseInt(value.strip());
      if (top >= 1 && top <= topK) {
        return top;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new ConfigException(
        key, value, "accepted: an integer in [1, top.k=" + topK + "]; 1 matches the top-1 only");
  }

  private static ConfigException unknownField(String key) {
    return new ConfigException(
        "unknown routing key "
            + key
            + ": a rule is configured with route.<name>.match, .min.probability, .topic and .top");
  }
}
