package googlenet.streams.config;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.apache.kafka.common.config.ConfigException;

/**
 * The problems found while reading a configuration, collected rather than thrown one at a time, so
 * a user (and {@code config check}) sees every bad key at once.
 */
final class Problems {
  private final List<String> found = new ArrayList<>();

  /** Records a problem. */
  void add(ConfigException problem) {
    found.add(problem.getMessage());
  }

  /** The value {@code step} computes, or {@code fallback} with its problem recorded. */
  <T> T attempt(Supplier<T> step, T fallback) {
    try {
      return step.get();
    } catch (ConfigException e) {
      add(e);
      return fallback;
    }
  }

  /** Runs a check, recording its problem. */
  void check(Runnable check) {
    attempt(
        () -> {
          check.run();
          return null;
        },
        null);
  }

  /**
   * Throws every problem recorded, if any.
   *
   * @throws InvalidConfigurationException listing them
   */
  void throwIfAny() {
    if (!found.isEmpty()) {
      throw new InvalidConfigurationException(found);
    }
  }
}
