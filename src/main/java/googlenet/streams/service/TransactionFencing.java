package googlenet.streams.service;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.streams.KafkaClientSupplier;
import org.apache.kafka.streams.StreamsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends, at start, the transactions that the crashed run of this streams instance left open, so
 * read_committed readers see the output again within seconds of the restart instead of after the
 * broker aborts them ({@code transaction.timeout.ms}, plus up to 10 s until its next check).
 *
 * <p>Why this is needed: under exactly_once_v2, Kafka Streams 4.4 names each stream thread's
 * producer {@code <application.id>-<process id>-<thread index>}, and the process id is random at
 * every start unless the topology has a persistent store (the batch buffer is in memory). A
 * restarted instance's producers therefore do not fence the dead ones, whose open transaction keeps
 * the last stable offset of every output partition it wrote to, for every reader and every
 * instance's later results.
 *
 * <p>What it does, as the {@link KafkaClientSupplier} of the streams instance: it names the
 * producers {@code <application.id>-<identity>-<thread index>}, where the identity is a UUID that
 * survives a restart ({@link InstanceIdentity}: derived from the {@code group.instance.id}, or kept
 * and locked in the state directory); and {@link #atStart} fences the ongoing transactions under
 * this instance's names with {@code Admin.fenceProducers}, before any stream thread runs.
 * Transactions under other names belong to other instances, live or not, and are never touched: a
 * live instance is never fenced, also not during a scale-out. When no identity survives (a new pod
 * with an empty state directory and no {@code group.instance.id}), there is nothing to fence and a
 * dead run's transaction ends at its timeout.
 *
 * <p>Use, around the streams instance's life:
 *
 * <pre>{@code
 * TransactionFencing fencing = TransactionFencing.atStart(props, metrics);
 * KafkaStreams streams = new KafkaStreams(topology, props, fencing);
 * ...
 * streams.close();
 * fencing.close();
 * }</pre>
 *
 * Without exactly-once it fences nothing and hands out clients unchanged.
 */
public final class TransactionFencing implements KafkaClientSupplier, AutoCloseable {
  /** Receives how many transactions of the earlier run were found open at start. */
  @FunctionalInterface
  public interface OpenTransactions {
    /** Reports nothing. */
    OpenTransactions NONE = (fenced, unfenced) -> {};

    /**
     * {@code fenced} open transactions were ended at start, {@code unfenced} could not be and end
     * only at their transaction timeout. Not called when none was open.
     */
    void openTransactionsAtStart(int fenced, int unfenced);
  }

  private static final Logger LOG = LoggerFactory.getLogger(TransactionFencing.class);

  /**
   * The longest the broker calls at start may take together; when the brokers do not answer in
   * time, the start goes on without fencing.
   */
  public static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(15);

  private final KafkaClientSupplier delegate;
  private final String applicationId;
  private final InstanceIdentity identity;

  private TransactionFencing(
      KafkaClientSupplier delegate, String applicationId, InstanceIdentity identity) {
    this.delegate = delegate;
    this.applicationId = applicationId;
    this.identity = identity;
  }

  /**
   * Resolves this instance's identity and fences the open transactions of its earlier run. Call it
   * before constructing the streams instance, pass the result to {@code new KafkaStreams(topology,
   * props, fencing)}, and close it after the streams instance. Broker errors are logged and do not
   * stop the start: the stream threads then fence the earlier run when they initialise their
   * producers under the same names.
   *
   * @param props the streams properties the instance will be constructed with
   * @param metrics receives the count of transactions found open, when there were any
   * @throws org.apache.kafka.common.config.ConfigException when {@code props} are not valid
   */
  public static TransactionFencing atStart(Properties props, OpenTransactions metrics) {
    StreamsConfig config = new StreamsConfig(props);
    TransactionFencing fencing = prepare(config);
    if (fencing.identity != null && fencing.identity.source() != InstanceIdentity.Source.NONE) {
      fencing.fenceEarlierRun(config, metrics);
    }
    return fencing;
  }

  /** Resolves the identity without asking the broker anything. */
  static TransactionFencing prepare(Properties props) {
    return prepare(new StreamsConfig(props));
  }

  private static TransactionFencing prepare(StreamsConfig config) {
    KafkaClientSupplier delegate = config.getKafkaClientSupplier();
    String app = config.getString(StreamsConfig.APPLICATION_ID_CONFIG);
    if (!StreamsConfig.EXACTLY_ONCE_V2.equals(
        config.getString(StreamsConfig.PROCESSING_GUARANTEE_CONFIG))) {
      return new TransactionFencing(delegate, app, null);
    }
    return new TransactionFencing(delegate, app, InstanceIdentity.resolve(config));
  }

  /** This instance's identity, the middle part of its transactional ids; empty without EOS. */
  public String identity() {
    return identity == null ? "" : identity.id();
  }

  /**
   * The transactional id of stream thread {@code thread} of this instance.
   *
   * @throws IllegalStateException without exactly-once
   */
  public String transactionalId(int thread) {
    if (identity == null) {
      throw new IllegalStateException("no transactions: processing.guarantee is not exactly-once");
    }
    return prefix() + thread;
  }

  private String prefix() {
    return applicationId + "-" + identity.id() + "-";
  }

  private void fenceEarlierRun(StreamsConfig config, OpenTransactions metrics) {
    long start = System.nanoTime();
    Map<String, Object> adminConfig = config.getAdminConfigs(applicationId + "-fencing");
    try (Admin admin = delegate.getAdmin(adminConfig)) {
      TransactionAdmin transactions = new TransactionAdmin(admin, ADMIN_TIMEOUT);
      List<OpenTransaction> open = transactions.ongoing(applicationId + "-");
      List<OpenTransaction> mine = open.stream().filter(t -> owns(t.transactionalId())).toList();
      logOthers(open.stream().filter(t -> ofOtherInstance(t.transactionalId())).count());
      if (mine.isEmpty()) {
        LOG.info(
            "Transactional ids {}<thread> (identity from {}): no open transaction of an earlier"
                + " run",
            prefix(),
            identity.origin());
        return;
      }
      mine.forEach(this::logOpen);
      Map<String, Throwable> failed = transactions.fence(ids(mine));
      metrics.openTransactionsAtStart(mine.size() - failed.size(), failed.size());
      logFenced(mine.size(), failed, start);
    } catch (ExecutionException | TimeoutException | KafkaException e) {
      Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
      LOG.warn(
          "Cannot look for open transactions of an earlier run of {} ({}); if it crashed with one"
              + " open, readers wait until this instance's stream threads start or until"
              + " transaction.timeout.ms. Check that the brokers are reachable and that the"
              + " principal may DESCRIBE and WRITE transactional ids {}*",
          prefix(),
          cause.getClass().getSimpleName() + ": " + cause.getMessage(),
          prefix());
    }
  }

  /** True for this instance's ids: the prefix, then a thread index only. */
  boolean owns(String transactionalId) {
    if (identity == null || !transactionalId.startsWith(prefix())) {
      return false;
    }
    return digits(transactionalId.substring(prefix().length()));
  }

  /** True for the ids of this application's other instances: {@code <app>-<uuid>-<thread>}. */
  boolean ofOtherInstance(String transactionalId) {
    String app = applicationId + "-";
    if (owns(transactionalId) || !transactionalId.startsWith(app)) {
      return false;
    }
    String rest = transactionalId.substring(app.length());
    int dash = rest.lastIndexOf('-');
    return dash > 0
        && InstanceIdentity.isUuid(rest.substring(0, dash))
        && digits(rest.substring(dash + 1));
  }

  private static boolean digits(String text) {
    return !text.isEmpty() && text.chars().allMatch(c -> c >= '0' && c <= '9');
  }

  private static List<String> ids(List<OpenTransaction> open) {
    return open.stream().map(OpenTransaction::transactionalId).toList();
  }

  private void logOpen(OpenTransaction t) {
    String since =
        t.startTimeMs() < 0
            ? "unknown"
            : Instant.ofEpochMilli(t.startTimeMs())
                + " ("
                + Math.max(0, System.currentTimeMillis() - t.startTimeMs()) / 1000
                + " s ago)";
    LOG.warn(
        "Started while transaction {} of this instance's earlier run is still open (producer id"
            + " {}, epoch {}, since {}), hiding {} from read_committed readers: fencing it",
        t.transactionalId(),
        t.producerId(),
        t.producerEpoch(),
        since,
        t.partitions().stream().map(Object::toString).sorted().collect(Collectors.joining(",")));
  }

  private void logFenced(int found, Map<String, Throwable> failed, long startNanos) {
    long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    if (failed.isEmpty()) {
      LOG.info("Fenced {} open transaction(s) of the earlier run in {} ms", found, ms);
      return;
    }
    failed.forEach(
        (id, e) ->
            LOG.warn(
                "Cannot fence transaction {} ({}: {}); readers wait until this instance's stream"
                    + " threads start or until transaction.timeout.ms. Check that the principal"
                    + " may WRITE transactional id {}",
                id,
                e.getClass().getSimpleName(),
                e.getMessage(),
                id));
  }

  private void logOthers(long others) {
    if (others > 0) {
      LOG.info(
          "{} open transaction(s) of other instances of {} left alone: live instances, or crashed"
              + " ones this instance does not replace (those end at their transaction timeout)",
          others,
          applicationId);
    }
  }

  /** Hands the producer to Kafka Streams under this instance's transactional id. */
  @Override
  public Producer<byte[], byte[]> getProducer(Map<String, Object> config) {
    Object id = config.get(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
    if (identity == null || id == null) {
      return delegate.getProducer(config);
    }
    Map<String, Object> renamed = new HashMap<>(config);
    renamed.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, rename(id.toString()));
    return delegate.getProducer(renamed);
  }

  /**
   * {@code <application.id>-<identity>-<thread>} for Kafka Streams' {@code
   * <application.id>-<process id>-<thread>}; an id of another shape is kept, with a warning.
   */
  String rename(String streamsId) {
    int dash = streamsId.lastIndexOf('-');
    String thread = streamsId.substring(dash + 1);
    if (dash < 0 || !streamsId.startsWith(applicationId + "-") || !digits(thread)) {
      LOG.warn(
          "Transactional id {} is not <application.id>-<process id>-<thread> as Kafka Streams 4.4"
              + " names them; kept, so a restart of this instance cannot fence its transactions",
          streamsId);
      return streamsId;
    }
    return prefix() + thread;
  }

  @Override
  public Admin getAdmin(Map<String, Object> config) {
    return delegate.getAdmin(config);
  }

  @Override
  public Consumer<byte[], byte[]> getConsumer(Map<String, Object> config) {
    return delegate.getConsumer(config);
  }

  @Override
  public Consumer<byte[], byte[]> getRestoreConsumer(Map<String, Object> config) {
    return delegate.getRestoreConsumer(config);
  }

  @Override
  public Consumer<byte[], byte[]> getGlobalConsumer(Map<String, Object> config) {
    return delegate.getGlobalConsumer(config);
  }

  /** Releases the identity kept in the state directory; call after the streams instance closed. */
  @Override
  public void close() {
    if (identity != null) {
      identity.close();
    }
  }
}
