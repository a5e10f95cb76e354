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
   * The typed value of every key of {@link GnsKeys#definition()}, defaults filled in.
   *
   * @throws ConfigException naming the key, the value, its origin and what is accepted
   */
  static Map<String, Object> parse(Map<String, String> raw, Map<String, Entry> entries) {
    Map<String, Object> out = new HashMap<>();
    for (ConfigDef.ConfigKey key : GnsKeys.definition().configKeys().values()) {
      Object value = key.defaultValue;
      String given = raw.get(key.name);
      try {
        if (given != null) {
          value = ConfigDef.parseType(key.name, given.strip(), key.type);
        }
        if (key.validator != null) {
          key.validator.ensureValid(key.name, value);
        }
      } catch (ConfigException e) {
        throw new ConfigException(
            e.getMessage() + origin(entries.get(key.name)) + "; accepted: " + accepted(key));
      }
      out.put(key.name, value);
    }
    return Map.copyOf(out);
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
