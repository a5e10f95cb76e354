package googlenet.streams.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import googlenet.streams.config.RegistrySettings;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegistryClientTest {
  private static final RegistrySettings.RetryPolicy QUICK_RETRY =
      new RegistrySettings.RetryPolicy(
          Duration.ofMillis(10), Duration.ofMillis(20), Duration.ofMillis(200));

  @TempDir Path dir;

  @Test
  void shouldThrowRetriableUnavailabilityOn5xxAndReportFailuresRetriesAndAvailability()
      throws Exception {
    Events events = new Events();
    try (StubRegistry stub = StubRegistry.http()) {
      stub.with(3, WriterSchemas.current(), "images-value v1");
      RegistryClient client =
          RegistryClient.create(RegistrySettings.of(stub.url()).withRetry(QUICK_RETRY), events);
      stub.failWith(503);

      RegistryUnavailableException e =
          catchThrowableOfType(RegistryUnavailableException.class, () -> client.schemaById(3));

      assertThat(e.getMessage())
          .contains("GET /schemas/ids/3")
          .contains(stub.url() + " -> HTTP 503")
          .contains("gave up after")
          .contains("schema.registry.retry.timeout.ms");
      assertThat(events.failures).hasSizeGreaterThanOrEqualTo(2).allMatch(f -> f.contains("503"));
      assertThat(events.retries).hasSize(events.failures.size() - 1);
      assertThat(events.availability).containsExactly(false);

      stub.failWith(0);
      assertThat(client.schemaById(3)).contains(WriterSchemas.current());
      assertThat(events.availability).containsExactly(false, true);
      assertThat(events.cacheSizes).containsExactly(1);
    }
  }

  @Test
  void shouldNameTheClosedPortItCouldNotReach() throws Exception {
    URI closed = closedPort();
    RegistryClient client =
        RegistryClient.create(
            RegistrySettings.of(closed).withRetry(RegistrySettings.RetryPolicy.NONE),
            RegistryListener.NONE);

    assertThatThrownBy(() -> client.schemaById(1))
        .isInstanceOf(RegistryUnavailableException.class)
        .hasMessageContaining(closed + " -> ConnectException")
        .hasMessageContaining("schema.registry.url");
    assertThat(client.ping()).isFalse();
  }

  @Test
  void shouldFailOverToTheNextUrlAndStayThere() throws Exception {
    Events events = new Events();
    URI closed = closedPort();
    try (StubRegistry stub = StubRegistry.http()) {
      stub.with(3, WriterSchemas.current(), "images-value v1");
      stub.with(4, WriterSchemas.withoutSourceField(), "images-value v2");
      RegistrySettings settings =
          new RegistrySettings(
              List.of(closed, stub.url()),
              Optional.empty(),
              Optional.empty(),
              Duration.ofSeconds(5),
              Duration.ofSeconds(5),
              10,
              true,
              RegistrySettings.RetryPolicy.NONE);
      RegistryClient client = RegistryClient.create(settings, events);

      assertThat(client.schemaById(3)).isPresent();
      assertThat(client.schemaById(4)).isPresent();

      assertThat(events.failures).hasSize(1).allMatch(f -> f.startsWith(closed.toString()));
      assertThat(events.availability).isEmpty();
    }
  }

  @Test
  void shouldSendBasicAuthenticationOnEveryRequest() throws Exception {
    try (StubRegistry stub = StubRegistry.http()) {
      RegistryClient client =
          RegistryClient.create(
              RegistrySettings.of(stub.url()).withUserInfo("svc-gns:s3cr:et"),
              RegistryListener.NONE);

      client.idFor("classifications-value", WriterSchemas.current());
      client.schemaById(404);

      String expected =
          "Basic "
              + Base64.getEncoder()
                  .encodeToString("svc-gns:s3cr:et".getBytes(StandardCharsets.UTF_8));
      assertThat(stub.authorizations()).containsExactly(expected, expected);
      assertThat(client.settings().toString()).contains("svc-gns:[hidden]").doesNotContain("s3cr");
    }
  }

  @Test
  void shouldTrustTheConfiguredTrustStoreAndRefuseAnUnknownCertificate() throws Exception {
    SelfSignedTls tls = SelfSignedTls.create(dir);
    try (StubRegistry stub = StubRegistry.https(tls.serverContext())) {
      stub.with(5, WriterSchemas.current(), "images-value v1");
      RegistrySettings.TrustStore store =
          new RegistrySettings.TrustStore(tls.truststore(), Optional.of(tls.password()), "PKCS12");
      RegistryClient trusting =
          RegistryClient.create(
              RegistrySettings.of(stub.url()).withTrustStore(store), RegistryListener.NONE);
      RegistryClient defaultTrust =
          RegistryClient.create(
              RegistrySettings.of(stub.url()).withRetry(RegistrySettings.RetryPolicy.NONE),
              RegistryListener.NONE);

      assertThat(trusting.schemaById(5)).contains(WriterSchemas.current());
      assertThatThrownBy(() -> defaultTrust.schemaById(5))
          .isInstanceOf(RegistryUnavailableException.class)
          .hasMessageContaining("SSLHandshakeException")
          .hasMessageContaining("schema.registry.ssl.truststore.location");
    }
  }

  @Test
  void shouldNameATrustStoreThatCannotBeLoaded() throws Exception {
    Path wrong = Files.writeString(dir.resolve("not-a-store.p12"), "hello");
    RegistrySettings settings =
        RegistrySettings.of(URI.create("https://127.0.0.1:1"))
            .withTrustStore(new RegistrySettings.TrustStore(wrong, Optional.of("pw"), "PKCS12"));

    assertThatThrownBy(() -> RegistryClient.create(settings, RegistryListener.NONE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(wrong.toString())
        .hasMessageContaining("schema.registry.ssl.truststore.location");
  }

  @Test
  void shouldTreatAWrongBasePathAsAConfigurationProblemNotAnUnknownId() throws Exception {
    try (StubRegistry stub = StubRegistry.http()) {
      RegistryClient client =
          RegistryClient.create(
              RegistrySettings.of(URI.create(stub.url() + "/wrong"))
                  .withRetry(RegistrySettings.RetryPolicy.NONE),
              RegistryListener.NONE);

      assertThatThrownBy(() -> client.schemaById(1))
          .isInstanceOf(RegistryUnavailableException.class)
          .hasMessageContaining("HTTP 404")
          .hasMessageContaining("/apis/ccompat/v7");
    }
  }

  @Test
  void shouldFindTheUnavailabilityInTheExceptionAStreamThreadDiesOf() {
    RegistryUnavailableException cause = new RegistryUnavailableException("down");
    RuntimeException wrapped =
        new org.apache.kafka.streams.errors.StreamsException(
            "task 0_1 failed", new RuntimeException("processor failed", cause));

    assertThat(RegistryUnavailableException.findIn(wrapped)).containsSame(cause);
    assertThat(RegistryUnavailableException.findIn(new IllegalStateException("engine"))).isEmpty();
  }

  private static URI closedPort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return URI.create("http://127.0.0.1:" + socket.getLocalPort());
    }
  }

  /** What the client reported. */
  static final class Events implements RegistryListener {
    final List<String> failures = new CopyOnWriteArrayList<>();
    final List<Integer> retries = new CopyOnWriteArrayList<>();
    final List<Boolean> availability = new CopyOnWriteArrayList<>();
    final List<Integer> cacheSizes = new CopyOnWriteArrayList<>();

    @Override
    public void requestFailed(URI url, String error) {
      failures.add(url + " " + error);
    }

    @Override
    public void retrying(int attempt, Duration delay) {
      retries.add(attempt);
    }

    @Override
    public void availabilityChanged(boolean available) {
      availability.add(available);
    }

    @Override
    public void schemaCacheSize(int entries) {
      cacheSizes.add(entries);
    }
  }
}
