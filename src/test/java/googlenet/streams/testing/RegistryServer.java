package googlenet.streams.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A real schema registry for tests: Apicurio Registry 3.3.3 (Maven Central, {@value #ARTIFACT}),
 * unpacked by the build's {@code registry} profile into {@code target/apicurio-registry}, run as
 * its own process on a Java 21+ (it needs class file version 65), listening on 127.0.0.1 on free
 * ports (API and management interface), Confluent-compatible API at {@link #url()}. Storage is in
 * memory, or in an H2 file with {@link #startPersistent} so that {@link #stop()} and {@link
 * #startAgain()} keep the schemas and their ids (for outage tests). Its output goes to {@code
 * target/registry-logs/}.
 */
public final class RegistryServer implements AutoCloseable {
  /** The Maven coordinates of the server. */
  public static final String ARTIFACT = "io.apicurio:apicurio-registry-app:3.3.3:tar.gz:all";

  /** Environment variable naming the Java 21+ home to run it with. */
  public static final String JAVA_HOME_VAR = "GNSCI_REGISTRY_JAVA_HOME";

  /** Where the build unpacks the server. */
  public static final Path APP = Path.of("target", "apicurio-registry");

  private static final Duration START_TIMEOUT = Duration.ofSeconds(180);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final Path java;
  private final Optional<Path> dataDir;
  private final int port;
  private final int managementPort;
  private final Path log;
  private Process process;

  private RegistryServer(Path java, Optional<Path> dataDir, int port, int managementPort)
      throws IOException {
    this.java = java;
    this.dataDir = dataDir;
    this.port = port;
    this.managementPort = managementPort;
    this.log = Files.createDirectories(Path.of("target", "registry-logs")).resolve(port + ".log");
  }

  /**
   * What this machine lacks to run the server, or empty: a Java 21+, or the unpacked app. The text
   * says how to get it.
   */
  public static Optional<String> missing() {
    if (JavaHomes.find(21, JAVA_HOME_VAR).isEmpty()) {
      return Optional.of(
          "the registry tests need a Java 21 or newer to run Apicurio Registry 3.3.3 (class file"
              + " version 65) and found none in $"
              + JAVA_HOME_VAR
              + ", $JAVA_HOME, this JVM or /usr/lib/jvm; install one (e.g. Temurin 21+) and set "
              + JAVA_HOME_VAR
              + " to its home");
    }
    if (!Files.isRegularFile(APP.resolve("quarkus-run.jar"))) {
      return Optional.of(
          "the registry tests need Apicurio Registry unpacked in "
              + APP
              + "; build with -Pregistry (on by itself when GNSCI_REQUIRE_REGISTRY=true), which"
              + " takes "
              + ARTIFACT
              + " from Maven Central");
    }
    return Optional.empty();
  }

  /** Starts a server with in-memory storage and waits until it answers. */
  public static RegistryServer start() throws IOException, InterruptedException {
    return launch(Optional.empty());
  }

  /**
   * Starts a server storing in an H2 database under {@code dataDir}, and waits until it answers.
   */
  public static RegistryServer startPersistent(Path dataDir)
      throws IOException, InterruptedException {
    return launch(Optional.of(dataDir.toAbsolutePath()));
  }

  private static RegistryServer launch(Optional<Path> dataDir)
      throws IOException, InterruptedException {
    Optional<String> missing = missing();
    if (missing.isPresent()) {
      throw new IllegalStateException(missing.get());
    }
    Path home = JavaHomes.find(21, JAVA_HOME_VAR).orElseThrow();
    RegistryServer server =
        new RegistryServer(home.resolve("bin/java"), dataDir, freePort(), freePort());
    server.startAgain();
    return server;
  }

  /**
   * The base URL of the Confluent-compatible API, {@code http://127.0.0.1:PORT/apis/ccompat/v7}.
   */
  public URI url() {
    return URI.create("http://127.0.0.1:" + port + "/apis/ccompat/v7");
  }

  /**
   * Registers {@code schema} (Avro, as JSON text) under {@code subject} with a plain HTTP call, not
   * through the code under test, and returns its id.
   */
  public int register(String subject, String schema) throws IOException, InterruptedException {
    String body = JSON.createObjectNode().put("schema", schema).toString();
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(url() + "/subjects/" + subject + "/versions"))
            .header("Content-Type", "application/vnd.schemaregistry.v1+json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    return JSON.readTree(get(request)).get("id").asInt();
  }

  /** The registry's answer to {@code GET <url><path>}, e.g. {@code /subjects}, as JSON. */
  public JsonNode get(String path) throws IOException, InterruptedException {
    return JSON.readTree(get(HttpRequest.newBuilder(URI.create(url() + path)).build()));
  }

  private static String get(HttpRequest request) throws IOException, InterruptedException {
    HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException(
          request.method()
              + " "
              + request.uri()
              + " answered "
              + response.statusCode()
              + ": "
              + response.body());
    }
    return response.body();
  }

  /** Starts the stopped server again on the same port and waits until it answers. */
  public synchronized void startAgain() throws IOException, InterruptedException {
    if (process != null && process.isAlive()) {
      throw new IllegalStateException("the registry on port " + port + " is running");
    }
    process =
        new ProcessBuilder(command())
            .directory(APP.toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    awaitReady();
  }

  private List<String> command() {
    List<String> command = new ArrayList<>();
    command.add(java.toString());
    command.add("-Xmx384m");
    command.add("-XX:TieredStopAtLevel=1");
    command.add("-Dquarkus.http.host=127.0.0.1");
    command.add("-Dquarkus.http.port=" + port);
    // Quarkus' management interface listens on 0.0.0.0:9000 by default: loopback, own port.
    command.add("-Dquarkus.management.host=127.0.0.1");
    command.add("-Dquarkus.management.port=" + managementPort);
    dataDir.ifPresent(
        dir -> command.add("-Dapicurio.datasource.url=jdbc:h2:file:" + dir.resolve("registry")));
    command.add("-jar");
    command.add("quarkus-run.jar");
    return command;
  }

  private void awaitReady() throws IOException, InterruptedException {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    HttpRequest probe =
        HttpRequest.newBuilder(URI.create(url() + "/subjects"))
            .timeout(Duration.ofSeconds(2))
            .build();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "the registry exited with " + process.exitValue() + " before answering; " + tail());
      }
      try {
        if (HTTP.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(200);
    }
    stop();
    throw new IllegalStateException(
        "the registry did not answer within " + START_TIMEOUT.toSeconds() + " s; " + tail());
  }

  /** Stops the server (the port stays reserved for {@link #startAgain()}). */
  public synchronized void stop() throws InterruptedException {
    if (process == null) {
      return;
    }
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(30, TimeUnit.SECONDS);
    }
  }

  @Override
  public void close() throws InterruptedException {
    stop();
  }

  private String tail() throws IOException {
    List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
    return "last lines of "
        + log
        + ":\n"
        + String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
