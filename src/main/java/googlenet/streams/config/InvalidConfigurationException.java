package googlenet.streams.config;

import java.util.List;
import org.apache.kafka.common.config.ConfigException;

/**
 * A configuration with one or more bad keys or variables. Each problem names the key or variable,
 * the value, where it came from and what is accepted.
 */
public final class InvalidConfigurationException extends ConfigException {
  private static final long serialVersionUID = 1L;

  private final List<String> problems;

  /** Creates the exception; the message lists every problem. */
  public InvalidConfigurationException(List<String> problems) {
    super(message(problems));
    this.problems = List.copyOf(problems);
  }

  /** Every problem, one sentence each. */
  public List<String> problems() {
    return problems;
  }

  private static String message(List<String> problems) {
    if (problems.size() == 1) {
      return problems.get(0);
    }
    StringBuilder out = new StringBuilder(problems.size() + " problems:");
    for (int i = 0; i < problems.size(); i++) {
      out.append(' ').append(i + 1).append(") ").append(problems.get(i));
    }
    return out.toString();
  }
}
