package googlenet.streams.config;

import java.util.regex.Pattern;

/** Decides which configuration values must not be logged. */
final class Redaction {
  /** What a secret value is shown as. */
  static final String MASK = "[hidden]";

  private static final Pattern SECRET =
      Pattern.compile("(?i).*(password|secret|jaas|token|credential|user\\.info).*|(.*\\.)?key");

  private Redaction() {}

  /**
   * True when the value of {@code key} may be a secret (including {@code
   * schema.registry.basic.auth.user.info}, which holds a password).
   */
  static boolean isSecret(String key) {
    return SECRET.matcher(key).matches();
  }
}
