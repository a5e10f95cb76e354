package googlenet.streams.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.common.config.ConfigException;

/**
 * Maps environment variables to configuration keys. {@code GNS_BATCH_MAX_SIZE} sets {@code
 * batch.max.size}; a {@code GNS_} variable that names no key is refused (typo protection). {@code
 * KAFKA_BOOTSTRAP_SERVERS} sets {@code bootstrap.servers}: {@code KAFKA_} variables pass to Kafka,
 * lower-cased with {@code _} turned into {@code .} (and, as in the apache/kafka image, {@code __}
 * into {@code _} and {@code ___} into {@code -}), except the JVM options of Kafka's own scripts and
 * Kubernetes service links.
 */
final class EnvMapping {
  /**
   * {@code GNS_} variables of the product that are not configuration keys: the log level (read by
   * log4j2.xml) and the cache of generated models. A new one must be added here, or the service
   * refuses to start. (The build's and CI's own variables start with {@code GNSCI_}, outside this
   * namespace.)
   */
  static final Set<String> NON_CONFIG_GNS = Set.of("GNS_LOG_LEVEL", "GNS_CACHE_DIR");

  private static final Set<String> IGNORED_KAFKA =
      Set.of(
          "KAFKA_HEAP_OPTS",
          "KAFKA_OPTS",
          "KAFKA_JMX_OPTS",
          "KAFKA_JVM_PERFORMANCE_OPTS",
          "KAFKA_GC_LOG_OPTS",
          "KAFKA_LOG4J_OPTS",
          "KAFKA_DEBUG",
          "KAFKA_HOME",
          "KAFKA_CONFIG_FILE",
          "KAFKA_IMAGE");

  private static final String ROUTE = "GNS_ROUTE_";
  private static final String CUDA_OPTION = "GNS_CUDA_OPTION_";

  private EnvMapping() {}

  /**
   * The configuration the environment sets, key to value, with variables in name order; a {@code
   * GNS_} variable that names no key is recorded in {@code problems}.
   */
  static Map<String, Entry> map(Map<String, String> env, Problems problems) {
    Map<String, Entry> out = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : new TreeMap<>(env).entrySet()) {
      String var = e.getKey();
      String key = null;
      if (var.startsWith(GnsKeys.ENV_PREFIX) && !NON_CONFIG_GNS.contains(var)) {
        key = problems.attempt(() -> gnsKey(var), null);
      } else if (var.startsWith("KAFKA_") && !ignoredKafka(var)) {
        key = kafkaKey(var.substring("KAFKA_".length()));
      }
      if (key != null) {
        out.put(key, new Entry(e.getValue(), "environment variable " + var));
      }
    }
    return out;
  }

  /**
   * The apache/kafka image's convention: lower case, {@code ___} for {@code -}, {@code __} for
   * {@code _}, {@code _} for {@code .}.
   */
  static String kafkaKey(String name) {
    return name.toLowerCase(Locale.ROOT)
        .replace("___", "-")
        .replace("__", "\u0001")
        .replace('_', '.')
        .replace('\u0001', '_');
  }

  private static boolean ignoredKafka(String var) {
    return IGNORED_KAFKA.contains(var)
        || var.equals("KAFKA_PORT")
        || var.startsWith("KAFKA_PORT_")
        || var.startsWith("KAFKA_SERVICE_");
  }

  private static String gnsKey(String var) {
    if (var.startsWith(CUDA_OPTION) && var.length() > CUDA_OPTION.length()) {
      return GnsKeys.CUDA_OPTION_PREFIX
          + var.substring(CUDA_OPTION.length()).toLowerCase(Locale.ROOT);
    }
    if (var.startsWith(ROUTE)) {
      String rest = var.substring(ROUTE.length());
      for (String field : List.of("MIN_PROBABILITY", "MATCH", "TOPIC", "TOP")) {
        if (rest.endsWith("_" + field) && rest.length() > field.length() + 1) {
          String name = rest.substring(0, rest.length() - field.length() - 1);
          return GnsKeys.ROUTE_PREFIX
              + name.toLowerCase(Locale.ROOT)
              + "."
              + field.toLowerCase(Locale.ROOT).replace('_', '.');
        }
      }
      throw unknown(
          var, "route variables are GNS_ROUTE_<NAME>_MATCH, _MIN_PROBABILITY, _TOPIC, _TOP");
    }
    for (String key : GnsKeys.definition().names()) {
      if (GnsKeys.envVar(key).equals(var)) {
        return key;
      }
    }
    throw unknown(var, "did you mean " + Suggest.closest(var, envVars()) + "?");
  }

  private static List<String> envVars() {
    return GnsKeys.definition().names().stream().map(GnsKeys::envVar).sorted().toList();
  }

  private static ConfigException unknown(String var, String hint) {
    return new ConfigException(
        "unknown environment variable "
            + var
            + ": no googlenet-streams key has that name; "
            + hint
            + " (unset it, or see 'googlenet-streams config keys' for the accepted names)");
  }

  /** A value and where it came from, for error messages. */
  record Entry(String value, String origin) {}
}
