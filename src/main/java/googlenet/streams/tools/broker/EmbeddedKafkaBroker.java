package googlenet.streams.tools.broker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka broker (KRaft, broker and controller in one) running inside this JVM,
 * from the {@code kafka_2.13} jars alone. Used by the {@code demo} command, the benchmark and the
 * tests; not meant for production data.
 *
 * <p>It listens on free ephemeral ports of 127.0.0.1, keeps its log in a temporary directory that
 * {@link #close()} deletes, and configures replication factor 1 for the internal topics so that
 * transactions (exactly-once) work on one node. Start one with {@link #start()} or configure it
 * with {@link #builder()}:
 *
 * <pre>{@code
 * try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start()) {
 *   broker.createTopics(3, "images", "classifications");
 *   String bootstrap = broker.bootstrapServers();
 * }
 * }</pre>
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);

  private final Properties props;
  private final Path logDir;
  private final Map<String, String> listeners;
  private final String clientListener;
  private KafkaRaftServer server;
  private boolean closed;

  EmbeddedKafkaBroker(
      KafkaRaftServer server,
      Properties props,
      Path logDir,
      Map<String, String> listeners,
      String clientListener) {
    this.server = server;
    this.props = props;
    this.logDir = logDir;
    this.listeners = Map.copyOf(listeners);
    this.clientListener = clientListener;
  }

  /** Starts a broker with the default configuration (one PLAINTEXT listener). */
  public static EmbeddedKafkaBroker start() {
    return builder().start();
  }

  /** A builder for a broker with extra properties or listeners. */
  public static EmbeddedKafkaBrokerBuilder builder() {
    return new EmbeddedKafkaBrokerBuilder();
  }

  /** {@code host:port} of the default client listener, for {@code bootstrap.servers}. */
  public String bootstrapServers() {
    return bootstrapServers(clientListener);
  }

  /**
   * {@code host:port} of a named listener, e.g. one added with {@link
   * EmbeddedKafkaBrokerBuilder#withListener}.
   *
   * @throws IllegalArgumentException when the broker has no such listener
   */
  public String bootstrapServers(String listenerName) {
    String address = listeners.get(listenerName);
    if (address == null) {
      throw new IllegalArgumentException(
          "no listener named '" + listenerName + "'; the broker has " + listeners.keySet());
    }
    return address;
  }

  /** The temporary log directory, deleted by {@link #close()}. */
  public Path logDirectory() {
    return logDir;
  }

  /** Properties for an {@link Admin} or other client on the default listener. */
  public Properties clientProperties() {
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    return props;
  }

  /** Creates topics with {@code partitions} partitions each; existing ones are left alone. */
  public void createTopics(int partitions, String... names) {
    createTopics(Stream.of(names).map(n -> new NewTopic(n, partitions, (short) 1)).toList());
  }

  /** Creates the given topics and waits until they exist; existing ones are left alone. */
  public void createTopics(Collection<NewTopic> topics) {
    try (Admin admin = Admin.create(clientProperties())) {
      for (NewTopic topic : topics) {
        createTopic(admin, topic);
      }
    }
  }

  private static void createTopic(Admin admin, NewTopic topic) {
    try {
      admin.createTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw new IllegalStateException("could not create topic " + topic.name(), e.getCause());
      }
    } catch (TimeoutException e) {
      throw new IllegalStateException("creating topic " + topic.name() + " took over 30 s", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted creating topic " + topic.name(), e);
    }
  }

  /**
   * Stops the broker like a broker outage, keeping its log directory and ports: {@link #restart}
   * starts it again on the same data and addresses. Does nothing when it is stopped already.
   */
  public synchronized void stop() {
    if (closed) {
      throw new IllegalStateException("the embedded broker is closed");
    }
    if (server == null) {
      return;
    }
    long start = System.nanoTime();
    server.shutdown();
    server.awaitShutdown();
    server = null;
    LOG.info(
        "Embedded Kafka broker {} stopped (log directory kept) in {} ms",
        bootstrapServers(),
        Duration.ofNanos(System.nanoTime() - start).toMillis());
  }

  /**
   * Starts a {@link #stop stopped} broker again on the same log directory, listeners and ports;
   * returns once it accepts clients. Does nothing when it is running.
   *
   * @throws IllegalStateException when it does not start (e.g. another process took a port)
   */
  public synchronized void restart() {
    if (closed) {
      throw new IllegalStateException("the embedded broker is closed");
    }
    if (server != null) {
      return;
    }
    long start = System.nanoTime();
    KafkaRaftServer next = newServer(props);
    try {
      next.startup();
    } catch (RuntimeException e) {
      throw new IllegalStateException(
          "the embedded Kafka broker did not start again on " + bootstrapServers() + ": " + e, e);
    }
    server = next;
    LOG.info(
        "Embedded Kafka broker started again on {} in {} ms",
        bootstrapServers(),
        Duration.ofNanos(System.nanoTime() - start).toMillis());
  }

  /** True between start (or {@link #restart}) and {@link #stop} or {@link #close}. */
  public synchronized boolean isRunning() {
    return server != null && !closed;
  }

  /** Stops the broker, waits for it, and deletes its log directory. Idempotent. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    long start = System.nanoTime();
    try {
      if (server != null) {
        server.shutdown();
        server.awaitShutdown();
        server = null;
      }
    } finally {
      deleteRecursively(logDir);
    }
    LOG.info(
        "Embedded Kafka broker {} stopped in {} ms",
        bootstrapServers(),
        Duration.ofNanos(System.nanoTime() - start).toMillis());
  }

  static KafkaRaftServer newServer(Properties props) {
    return new KafkaRaftServer(KafkaConfig.fromProps(props), Time.SYSTEM);
  }

  static void deleteRecursively(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not delete broker directory " + dir, e);
    }
  }
}
