package googlenet.streams.tools.broker;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.stream.Collectors;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Configures and starts an {@link EmbeddedKafkaBroker}. The broker always has a {@code PLAINTEXT}
 * listener (also used between broker and controller) and a {@code CONTROLLER} listener; {@link
 * #withListener} adds more, e.g. {@code SASL_SSL}, whose settings go in with {@link #withProperty}
 * ({@code listener.name.sasl_ssl.*}).
 */
public final class EmbeddedKafkaBrokerBuilder {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaBrokerBuilder.class);
  private static final String HOST = "127.0.0.1";
  private static final String CONTROLLER = "CONTROLLER";

  /** The default client and inter-broker listener. */
  public static final String PLAINTEXT = "PLAINTEXT";

  private final Map<String, String> properties = new LinkedHashMap<>();
  private final Map<String, SecurityProtocol> listeners = new LinkedHashMap<>();
  private final List<String> formatArguments = new ArrayList<>();

  EmbeddedKafkaBrokerBuilder() {
    listeners.put(PLAINTEXT, SecurityProtocol.PLAINTEXT);
  }

  /** Sets a broker property, overriding the defaults (see {@link #defaults}). */
  public EmbeddedKafkaBrokerBuilder withProperty(String key, String value) {
    properties.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
    return this;
  }

  /**
   * Adds a client listener on a free port of 127.0.0.1, e.g. {@code withListener("SASL_SSL",
   * SecurityProtocol.SASL_SSL)}; its address is {@link
   * EmbeddedKafkaBroker#bootstrapServers(String)}.
   */
  public EmbeddedKafkaBrokerBuilder withListener(String name, SecurityProtocol protocol) {
    if (name.equals(CONTROLLER)) {
      throw new IllegalArgumentException("listener name CONTROLLER is reserved; pick another");
    }
    listeners.put(name, Objects.requireNonNull(protocol, "protocol"));
    return this;
  }

  /**
   * Adds arguments to the storage format step, e.g. {@code "--add-scram",
   * "SCRAM-SHA-512=[name=alice,password=secret]"} to create SCRAM users before start.
   */
  public EmbeddedKafkaBrokerBuilder withFormatArguments(String... arguments) {
    formatArguments.addAll(List.of(arguments));
    return this;
  }

  /**
   * Formats a temporary log directory and starts the broker; returns once it accepts clients.
   *
   * @throws IllegalStateException when the broker does not start, with the reason
   */
  public EmbeddedKafkaBroker start() {
    long start = System.nanoTime();
    Path logDir = createLogDir();
    try {
      Map<String, String> addresses = allocateAddresses();
      Properties props = brokerProperties(logDir, addresses);
      format(logDir, props);
      KafkaRaftServer server = EmbeddedKafkaBroker.newServer(props);
      server.startup();
      addresses.remove(CONTROLLER);
      EmbeddedKafkaBroker broker =
          new EmbeddedKafkaBroker(server, props, logDir, addresses, PLAINTEXT);
      LOG.info(
          "Embedded Kafka broker started on {} in {} ms",
          broker.bootstrapServers(),
          (System.nanoTime() - start) / 1_000_000);
      return broker;
    } catch (RuntimeException e) {
      EmbeddedKafkaBroker.deleteRecursively(logDir);
      throw new IllegalStateException("the embedded Kafka broker did not start: " + e, e);
    }
  }

  /** The properties every embedded broker gets unless overridden with {@link #withProperty}. */
  static Map<String, String> defaults() {
    Map<String, String> d = new LinkedHashMap<>();
    d.put("process.roles", "broker,controller");
    d.put("node.id", "1");
    d.put("controller.listener.names", CONTROLLER);
    d.put("inter.broker.listener.name", PLAINTEXT);
    d.put("offsets.topic.replication.factor", "1");
    d.put("offsets.topic.num.partitions", "5");
    d.put("transaction.state.log.replication.factor", "1");
    d.put("transaction.state.log.min.isr", "1");
    d.put("transaction.state.log.num.partitions", "5");
    d.put("share.coordinator.state.topic.replication.factor", "1");
    d.put("share.coordinator.state.topic.min.isr", "1");
    d.put("group.initial.rebalance.delay.ms", "0");
    d.put("auto.create.topics.enable", "false");
    d.put("num.partitions", "1");
    return d;
  }

  private Properties brokerProperties(Path logDir, Map<String, String> addresses) {
    Properties props = new Properties();
    props.putAll(defaults());
    props.put("log.dirs", logDir.toString());
    props.put("listeners", listenerList(addresses, true));
    props.put("advertised.listeners", listenerList(addresses, false));
    props.put("controller.quorum.bootstrap.servers", addresses.get(CONTROLLER));
    props.put("listener.security.protocol.map", protocolMap());
    props.putAll(properties);
    return props;
  }

  private static String listenerList(Map<String, String> addresses, boolean withController) {
    return addresses.entrySet().stream()
        .filter(e -> withController || !e.getKey().equals(CONTROLLER))
        .map(e -> e.getKey() + "://" + e.getValue())
        .collect(Collectors.joining(","));
  }

  private String protocolMap() {
    StringBuilder map = new StringBuilder(CONTROLLER + ":PLAINTEXT");
    listeners.forEach(
        (name, protocol) -> map.append(',').append(name).append(':').append(protocol));
    return map.toString();
  }

  private Map<String, String> allocateAddresses() {
    List<String> names = new ArrayList<>(listeners.keySet());
    names.add(CONTROLLER);
    return allocateAddresses(names);
  }

  /**
   * A free port of 127.0.0.1 for each name, all distinct: every socket stays bound until all ports
   * are read, since the kernel may hand a just-closed port out again at once.
   */
  static Map<String, String> allocateAddresses(List<String> names) {
    List<ServerSocket> sockets = new ArrayList<>();
    try {
      Map<String, String> addresses = new LinkedHashMap<>();
      for (String name : names) {
        ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST));
        sockets.add(socket);
        addresses.put(name, HOST + ":" + socket.getLocalPort());
      }
      return addresses;
    } catch (IOException e) {
      throw new UncheckedIOException("no free port on " + HOST, e);
    } finally {
      sockets.forEach(EmbeddedKafkaBrokerBuilder::closeQuietly);
    }
  }

  private static void closeQuietly(ServerSocket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      LOG.debug("could not close the port probe on {}", socket.getLocalPort(), e);
    }
  }

  private void format(Path logDir, Properties props) {
    Path configFile = logDir.resolve("server.properties");
    try (OutputStream out = Files.newOutputStream(configFile)) {
      props.store(out, "embedded broker");
    } catch (IOException e) {
      throw new UncheckedIOException("could not write " + configFile, e);
    }
    List<String> args = new ArrayList<>(List.of("format", "--standalone", "--ignore-formatted"));
    args.addAll(List.of("-t", Uuid.randomUuid().toString(), "-c", configFile.toString()));
    args.addAll(formatArguments);
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    int status;
    try (PrintStream print = new PrintStream(output, true, StandardCharsets.UTF_8)) {
      status = StorageTool.execute(args.toArray(String[]::new), print);
    }
    if (status != 0) {
      throw new IllegalStateException(
          "formatting "
              + logDir
              + " failed ("
              + status
              + "): "
              + output.toString(StandardCharsets.UTF_8));
    }
  }

  private static Path createLogDir() {
    try {
      return Files.createTempDirectory("gns-kafka-");
    } catch (IOException e) {
      throw new UncheckedIOException("could not create a temporary broker directory", e);
    }
  }
}
