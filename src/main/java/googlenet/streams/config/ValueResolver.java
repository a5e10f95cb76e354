package googlenet.streams.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.common.config.ConfigException;

/**
 * Resolves references in values so secrets need not sit in the properties file: {@code
 * ${file:/run/secrets/jaas}} is replaced by the file's content (without a trailing newline) and
 * {@code ${env:NAME}} by an environment variable. Not applied when Kafka's own {@code
 * config.providers} is configured, whose {@code ${provider:path:key}} syntax then takes over.
 */
final class ValueResolver {
  private static final Pattern REFERENCE = Pattern.compile("\\$\\{(file|env):([^}]+)}");

  private final Map<String, String> env;

  ValueResolver(Map<String, String> env) {
    this.env = env;
  }

  /**
   * The value with every reference replaced.
   *
   * @throws ConfigException naming the key and the missing file or variable
   */
  String resolve(String key, String value) {
    Matcher m = REFERENCE.matcher(value);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String target = m.group(2).strip();
      String replacement = m.group(1).equals("file") ? readFile(key, target) : readEnv(key, target);
      m.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static String readFile(String key, String path) {
    try {
      return Files.readString(Path.of(path), StandardCharsets.UTF_8).stripTrailing();
    } catch (IOException e) {
      throw new ConfigException(
          key
              + " refers to ${file:"
              + path
              + "}, which cannot be read ("
              + e
              + "); "
              + "create the file or fix the path");
    }
  }

  private String readEnv(String key, String name) {
    String value = env.get(name);
    if (value == null) {
      throw new ConfigException(
          key
              + " refers to ${env:"
              + name
              + "}, but "
              + name
              + " is not set; set it or "
              + "give the value directly");
    }
    return value;
  }
}
