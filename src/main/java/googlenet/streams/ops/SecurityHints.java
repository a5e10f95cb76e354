package googlenet.streams.ops;

import java.util.Optional;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.SslAuthenticationException;

/**
 * What to do about a failure to authenticate to or be authorised by the Kafka cluster: these stop
 * the service (Kafka Streams treats them as fatal), and the operator needs to know which setting or
 * ACL to fix.
 */
public final class SecurityHints {
  private SecurityHints() {}

  /** The root cause as {@code SimpleName: message}. */
  public static String rootCause(Throwable failure) {
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getClass().getSimpleName() + ": " + root.getMessage();
  }

  /** A hint when {@code failure} is caused by authentication or authorisation, else empty. */
  public static Optional<String> hint(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof SslAuthenticationException) {
        return Optional.of(
            "the TLS handshake with the broker failed: check ssl.truststore.* (the CA that "
                + "signed the broker certificate), ssl.keystore.* for client certificates, and "
                + "ssl.endpoint.identification.algorithm");
      }
      if (t instanceof AuthenticationException) {
        return Optional.of(
            "the broker refused the credentials: check security.protocol, sasl.mechanism and "
                + "the user name and password in sasl.jaas.config");
      }
      if (t instanceof AuthorizationException) {
        return Optional.of(
            "the principal lacks an ACL: it needs READ on input.topic, WRITE on output.topic, "
                + "dlq.topic and route topics, and ALL on topics, groups and transactional ids "
                + "prefixed with application.id");
      }
    }
    return Optional.empty();
  }
}
