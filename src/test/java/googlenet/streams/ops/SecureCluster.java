package googlenet.streams.ops;

import googlenet.streams.tools.broker.EmbeddedKafkaBroker;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.security.auth.SecurityProtocol;

/**
 * An embedded broker with a TLS listener taking SCRAM-SHA-512 logins ({@code SASL_SSL}), a
 * mutual-TLS listener ({@code SSL}, client certificate required) and ACLs enforced by {@code
 * StandardAuthorizer}. The {@code PLAINTEXT} listener (127.0.0.1 only) is the test's own super-user
 * door for setup and for reading results.
 */
final class SecureCluster implements AutoCloseable {
  static final String SASL_SSL = "SASL_SSL";
  static final String SSL = "SSL";

  private final EmbeddedKafkaBroker broker;
  private final TestPki pki;

  private SecureCluster(EmbeddedKafkaBroker broker, TestPki pki) {
    this.broker = broker;
    this.pki = pki;
  }

  /** Starts the broker with the given SCRAM users (name to password), created at format time. */
  static SecureCluster start(Path dir, Map<String, String> users) throws Exception {
    TestPki pki = TestPki.create(dir);
    var builder =
        EmbeddedKafkaBroker.builder()
            .withListener(SASL_SSL, SecurityProtocol.SASL_SSL)
            .withListener(SSL, SecurityProtocol.SSL)
            .withProperty(
                "authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer")
            .withProperty("super.users", "User:ANONYMOUS")
            .withProperty("sasl.enabled.mechanisms", "SCRAM-SHA-512")
            .withProperty(
                "listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config",
                "org.apache.kafka.common.security.scram.ScramLoginModule required;")
            .withProperty("listener.name.ssl.ssl.client.auth", "required")
            .withProperty("listener.name.ssl.ssl.truststore.location", pki.truststore().toString())
            .withProperty("listener.name.ssl.ssl.truststore.password", pki.password())
            .withProperty("listener.name.ssl.ssl.truststore.type", "PKCS12");
    for (String listener : List.of("sasl_ssl", "ssl")) {
      String prefix = "listener.name." + listener + ".ssl.";
      builder
          .withProperty(prefix + "keystore.location", pki.brokerKeystore().toString())
          .withProperty(prefix + "keystore.password", pki.password())
          .withProperty(prefix + "key.password", pki.password())
          .withProperty(prefix + "keystore.type", "PKCS12");
    }
    users.forEach(
        (name, password) ->
            builder.withFormatArguments(
                "--add-scram", "SCRAM-SHA-512=[name=" + name + ",password=" + password + "]"));
    return new SecureCluster(builder.start(), pki);
  }

  EmbeddedKafkaBroker broker() {
    return broker;
  }

  TestPki pki() {
    return pki;
  }

  /**
   * Lets {@code principal} run the pipeline of application {@code appId}: read {@code input}, write
   * {@code outputs}, and everything on its own internal topics, group and transactional ids.
   */
  void grantPipeline(String principal, String appId, String input, List<String> outputs)
      throws Exception {
    List<AclBinding> acls = new ArrayList<>();
    acls.add(allow(principal, ResourceType.TOPIC, input, PatternType.LITERAL, AclOperation.READ));
    for (String output : outputs) {
      acls.add(
          allow(principal, ResourceType.TOPIC, output, PatternType.LITERAL, AclOperation.WRITE));
    }
    for (ResourceType type :
        List.of(ResourceType.TOPIC, ResourceType.GROUP, ResourceType.TRANSACTIONAL_ID)) {
      acls.add(allow(principal, type, appId, PatternType.PREFIXED, AclOperation.ALL));
    }
    try (Admin admin = Admin.create(broker.clientProperties())) {
      admin.createAcls(acls).all().get(30, TimeUnit.SECONDS);
    }
  }

  private static AclBinding allow(
      String principal, ResourceType type, String name, PatternType pattern, AclOperation op) {
    return new AclBinding(
        new ResourcePattern(type, name, pattern),
        new AccessControlEntry(principal, "*", op, AclPermissionType.ALLOW));
  }

  /** Client properties for SCRAM-SHA-512 over TLS as {@code user}. */
  Map<String, String> saslSslClient(String user, String password) {
    return Map.of(
        "bootstrap.servers",
        broker.bootstrapServers(SASL_SSL),
        "security.protocol",
        "SASL_SSL",
        "sasl.mechanism",
        "SCRAM-SHA-512",
        "sasl.jaas.config",
        "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
            + user
            + "\" password=\""
            + password
            + "\";",
        "ssl.truststore.location",
        pki.truststore().toString(),
        "ssl.truststore.password",
        pki.password(),
        "ssl.truststore.type",
        "PKCS12");
  }

  /** Client properties for mutual TLS with the client certificate ({@link TestPki#CLIENT_DN}). */
  Map<String, String> mtlsClient() {
    return Map.of(
        "bootstrap.servers", broker.bootstrapServers(SSL),
        "security.protocol", "SSL",
        "ssl.truststore.location", pki.truststore().toString(),
        "ssl.truststore.password", pki.password(),
        "ssl.truststore.type", "PKCS12",
        "ssl.keystore.location", pki.clientKeystore().toString(),
        "ssl.keystore.password", pki.password(),
        "ssl.key.password", pki.password(),
        "ssl.keystore.type", "PKCS12");
  }

  @Override
  public void close() {
    broker.close();
  }
}
