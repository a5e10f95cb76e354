package googlenet.streams.service;

import googlenet.streams.ops.SecurityHints;
import googlenet.streams.ops.ServiceOps;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.streams.StreamsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks the Kafka brokers every {@link #INTERVAL} whether they answer (a cluster description with a
 * timeout of {@link #INTERVAL}): at start-up {@link #awaitBrokers} waits for them, logging each
 * failed attempt with the bootstrap servers and the cause; while the service runs, {@link #start}
 * keeps readiness false and counts an outage while they do not answer, and logs when they answer
 * again. Authentication and authorization failures are not waited for: a restart cannot fix them.
 */
public final class BrokerWatch implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(BrokerWatch.class);

  /** Time between two checks, and the longest one check waits for an answer. */
  public static final Duration INTERVAL = Duration.ofSeconds(5);

  /** While the brokers stay away, a running service repeats its warning this often. */
  static final Duration REPEAT_WARNING = Duration.ofSeconds(30);

  private final Admin admin;
  private final String bootstrap;
  private final String name;
  private ScheduledExecutorService scheduler;
  private long downSinceNanos = -1;
  private long lastWarningNanos;

  private BrokerWatch(Admin admin, String bootstrap, String name) {
    this.admin = admin;
    this.bootstrap = bootstrap;
    this.name = name;
  }

  /**
   * An admin client on the streams properties' brokers and security settings; asks nothing yet.
   *
   * @throws KafkaException when the properties cannot make an admin client
   */
  public static BrokerWatch create(Properties props, String name) {
    StreamsConfig config = new StreamsConfig(props);
    String app = config.getString(StreamsConfig.APPLICATION_ID_CONFIG);
    Admin admin = Admin.create(config.getAdminConfigs(app + "-broker-watch"));
    return new BrokerWatch(
        admin, String.join(",", config.getList(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG)), name);
  }

  /**
   * Blocks until the brokers answer, checking every {@link #INTERVAL} with a warning per failed
   * check that names the bootstrap servers and the cause; readiness says the same meanwhile.
   *
   * @throws StartupException when the brokers refuse this client's credentials or permissions, or
   *     the thread is interrupted
   */
  public void awaitBrokers(ServiceOps ops) throws StartupException {
    long start = System.nanoTime();
    int attempts = 0;
    while (true) {
      long attemptStart = System.nanoTime();
      Optional<String> failure = check();
      attempts++;
      if (failure.isEmpty()) {
        ops.brokersUnreachable(null);
        if (attempts > 1) {
          LOG.info(
              "{}: Kafka brokers at {} answer after {} s of waiting",
              name,
              bootstrap,
              seconds(System.nanoTime() - start));
        }
        return;
      }
      ops.brokersUnreachable(failure.get());
      LOG.warn(
          "{}: Kafka brokers at {} do not answer ({}); waiting for them, checking every {} s"
              + " (waited {} s). Check bootstrap.servers and that the brokers run and are"
              + " reachable from this host",
          name,
          bootstrap,
          failure.get(),
          INTERVAL.toSeconds(),
          seconds(System.nanoTime() - start));
      pause(attemptStart);
    }
  }

  private static void pause(long attemptStart) throws StartupException {
    long left = INTERVAL.toNanos() - (System.nanoTime() - attemptStart);
    try {
      TimeUnit.NANOSECONDS.sleep(Math.max(0, left));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StartupException("interrupted while waiting for the Kafka brokers", e);
    }
  }

  /**
   * Checks every {@link #INTERVAL} in the background, reporting to {@code ops}; returns at once.
   */
  public synchronized void start(ServiceOps ops) {
    if (scheduler != null) {
      return;
    }
    scheduler =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "gns-broker-watch");
              t.setDaemon(true);
              return t;
            });
    scheduler.scheduleWithFixedDelay(
        () -> report(ops), INTERVAL.toMillis(), INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void report(ServiceOps ops) {
    Optional<String> failure;
    try {
      failure = check();
    } catch (StartupException e) {
      failure = Optional.of(e.getMessage());
    }
    long now = System.nanoTime();
    if (failure.isEmpty()) {
      if (downSinceNanos >= 0) {
        LOG.info(
            "{}: Kafka brokers at {} answer again after {} s",
            name,
            bootstrap,
            seconds(now - downSinceNanos));
        downSinceNanos = -1;
      }
      ops.brokersUnreachable(null);
      return;
    }
    ops.brokersUnreachable(failure.get());
    if (downSinceNanos < 0) {
      downSinceNanos = now;
      lastWarningNanos = now;
      LOG.warn(
          "{}: Kafka brokers at {} do not answer ({}); not ready until they do, the stream"
              + " threads keep retrying",
          name,
          bootstrap,
          failure.get());
    } else if (now - lastWarningNanos >= REPEAT_WARNING.toNanos()) {
      lastWarningNanos = now;
      LOG.warn(
          "{}: Kafka brokers at {} still do not answer after {} s ({})",
          name,
          bootstrap,
          seconds(now - downSinceNanos),
          failure.get());
    }
  }

  /**
   * One check: empty when the brokers answered, else why not.
   *
   * @throws StartupException when they refuse this client's credentials or permissions
   */
  Optional<String> check() throws StartupException {
    try {
      admin
          .describeCluster(new DescribeClusterOptions().timeoutMs((int) INTERVAL.toMillis()))
          .nodes()
          .get();
      return Optional.empty();
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof AuthenticationException || cause instanceof AuthorizationException) {
        String hint = SecurityHints.hint(cause).map(h -> "; " + h).orElse("");
        throw new StartupException(
            "the Kafka brokers at " + bootstrap + " refused this client: " + describe(cause) + hint,
            cause);
      }
      return Optional.of(describe(cause) + connections());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.of("interrupted");
    }
  }

  /**
   * Whether {@code topic} exists: empty when the brokers do not answer within {@link #INTERVAL}
   * (then nobody can tell).
   */
  public Optional<Boolean> topicExists(String topic) {
    try {
      admin
          .describeTopics(Set.of(topic))
          .allTopicNames()
          .get(INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
      return Optional.of(true);
    } catch (ExecutionException e) {
      return e.getCause() instanceof UnknownTopicOrPartitionException
          ? Optional.of(false)
          : Optional.empty();
    } catch (java.util.concurrent.TimeoutException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  private static String describe(Throwable cause) {
    return cause.getClass().getSimpleName() + ": " + cause.getMessage();
  }

  /** What a plain TCP connection to each bootstrap server says, when one fails. */
  private String connections() {
    List<String> failed = new ArrayList<>();
    for (String server : bootstrap.split(",")) {
      int colon = server.lastIndexOf(':');
      if (colon < 0) {
        continue;
      }
      String host = server.substring(0, colon).trim();
      try (Socket socket = new Socket()) {
        int port = Integer.parseInt(server.substring(colon + 1).trim());
        socket.connect(new InetSocketAddress(host, port), 1000);
      } catch (IOException | IllegalArgumentException e) {
        failed.add(server.trim() + ": " + e.getClass().getSimpleName() + " " + e.getMessage());
      }
    }
    return failed.isEmpty() ? "" : "; TCP " + String.join(", ", failed);
  }

  private static String seconds(long nanos) {
    return String.format(Locale.ROOT, "%.1f", nanos / 1e9);
  }

  /** Stops the background checks and closes the admin client. */
  @Override
  public synchronized void close() {
    if (scheduler != null) {
      scheduler.shutdownNow();
    }
    admin.close(Duration.ZERO);
  }
}
