package googlenet.streams.config;

import googlenet.streams.config.EnvMapping.Entry;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/** Parses and validates the fixed keys one by one, so each error names its key and origin. */
final class TypedValues {
  private TypedValues() {}

  /**
   * The typed value of every key of {@link GnsKeys#definition()}, defaults filled in; a bad value
   * is recorded in {@code problems} (naming the key, the value, its origin and what is accepted)
   * and replaced by the default.
   */
  static Map<String, Object> parse(
      Map<String, String> raw, Map<String, Entry> entries, Problems problems) {
    Map<String, Object> out = new HashMap<>();
    for (ConfigDef.ConfigKey key : GnsKeys.definition().configKeys().values()) {
      String given = raw.get(key.name);
      out.put(
          key.name,
          given == null
              ? key.defaultValue
              : problems.attempt(() -> parse(key, given, entries), key.defaultValue));
    }
    return Map.copyOf(out);
  }

  private static Object parse(ConfigDef.ConfigKey key, String given, Map<String, Entry> entries) {
    try {
      Object value = ConfigDef.parseType(key.name, given.strip(), key.type);
      if (key.validator != null) {
        key.validator.ensureValid(key.name, value);
      }
      return value;
    } catch (ConfigException e) {
      throw new ConfigException(
          e.getMessage() + origin(entries.get(key.name)) + "; accepted: " + accepted(key));
    }
  }

  private static String origin(Entry entry) {
    return entry == null ? "" : " (from " + entry.origin() + ")";
  }

  private static String accepted(ConfigDef.ConfigKey key) {
    if (key.validator instanceof ConfigDef.ValidString) {
      return "one of " + key.validator;
    }
    String type =
        switch (key.type) {
          case INT, LONG, SHORT -> "an integer";
          case DOUBLE -> "a number";
          case BOOLEAN -> "true or false";
          default -> "a string";
        };
    if (key.validator == null) {
      return type;
    }
    return type + (key.validator instanceof ConfigDef.Range ? " in " : ": ") + key.validator;
  }
}
