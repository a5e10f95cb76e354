package googlenet.streams.service;

import googlenet.streams.inference.InferenceException;
import googlenet.streams.ops.SecurityHints;
import googlenet.streams.ops.ServiceOps;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KafkaStreams.State;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.MissingSourceTopicException;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place a Kafka Streams instance is started, watched and closed, for the service, a
 * backfill and the benchmark: it logs state changes, feeds health and metrics ({@link ServiceOps}),
 * watches whether the brokers answer ({@link BrokerWatch}), and signals when the instance has
 * stopped.
 *
 * <p>A stream thread's uncaught exception is classified ({@link StreamFailure}): a transient one
 * (broker away, timeout, fenced or aborted transaction, schema registry away) replaces the thread,
 * which reads again from the last commit, with a warning and {@code
 * gns_stream_threads_replaced_total}; replacements in a row wait 1, 2, 4, up to {@link
 * #MAX_REPLACE_DELAY} before the new thread starts, until the instance is running again. Anything
 * else shuts the client down with one clear message.
 */
public final class StreamsRunner implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(StreamsRunner.class);

  private static final Pattern NOT_IN_METADATA =
      Pattern.compile("Topic (\\S+) not present in metadata");

  /** The longest wait before a stream thread is replaced, after failures in a row. */
  static final Duration MAX_REPLACE_DELAY = Duration.ofSeconds(10);

  private final KafkaStreams streams;
  private final Properties props;
  private final ServiceOps ops;
  private final CountDownLatch closing = new CountDownLatch(1);
  private final AtomicInteger replacedInARow = new AtomicInteger();
  private BrokerWatch brokerWatch;
  private final String name;
  private final String inputTopic;
  private final String inputSetting;
  private final Optional<TransactionFencing> fencing;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final AtomicReference<Throwable> failure = new AtomicReference<>();

  /**
   * Creates the streams instance, without starting it.
   *
   * @param name what the logs call it, e.g. {@code service} or {@code backfill nightly}
   * @param inputTopic the topic the topology reads, named when it is missing
   * @param inputSetting the setting that names it, e.g. {@code input.topic} or {@code --input}
   * @param fencing the clients of an instance whose earlier run's transactions were fenced at start
   *     ({@link TransactionFencing#atStart}), closed with the instance; empty for Kafka's own
   * @throws org.apache.kafka.common.KafkaException when the properties cannot make an instance
   */
  public StreamsRunner(
      Topology topology,
      Properties props,
      String name,
      String inputTopic,
      String inputSetting,
      ServiceOps ops,
      Optional<TransactionFencing> fencing) {
    this.fencing = fencing;
    this.streams =
        fencing.isPresent()
            ? new KafkaStreams(topology, props, fencing.get())
            : new KafkaStreams(topology, props);
    this.props = props;
    this.ops = ops;
    this.name = name;
    this.inputTopic = inputTopic;
    this.inputSetting = inputSetting;
    ops.watch(streams, this::onChange, this::onUncaught);
  }

  private void onChange(State newState, State oldState) {
    LOG.info("{}: streams state {} -> {}", name, oldState, newState);
    if (newState == State.RUNNING) {
      replacedInARow.set(0);
    }
    if (newState == State.ERROR || newState == State.NOT_RUNNING) {
      stopped.countDown();
    }
  }

  private StreamThreadExceptionResponse onUncaught(Throwable exception) {
    StreamFailure kind = StreamFailure.classify(exception);
    Optional<String> missing = kind.isTransient() ? missingTopic(exception) : Optional.empty();
    if (missing.isPresent()) {
      failure.compareAndSet(null, new MissingTopicException(missing.get(), exception));
      LOG.error("{}: fatal: {}; shutting down", name, describe(failure.get()), exception);
      return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
    }
    if (kind.isTransient() && closing.getCount() > 0) {
      int inARow = replacedInARow.incrementAndGet();
      Duration delay = replaceDelay(inARow);
      LOG.warn(
          "{}: stream thread {} failed with a transient error: {}; replacing it{} (failure {} in a"
              + " row): it reads again from the last commit",
          name,
          Thread.currentThread().getName(),
          kind.describe(),
          delay.isZero() ? "" : " in " + delay.toSeconds() + " s",
          inARow);
      ops.threadReplaced(kind.reason());
      awaitDelay(delay);
      return StreamThreadExceptionResponse.REPLACE_THREAD;
    }
    if (kind.isTransient()) {
      LOG.warn("{}: stream thread failed while closing: {}", name, kind.describe());
      return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
    }
    failure.compareAndSet(null, exception);
    LOG.error("{}: fatal: {}; shutting down", name, describe(exception), exception);
    return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
  }

  /**
   * The topic a send waited for in vain ("Topic X not present in metadata"), when the brokers
   * answer and say it does not exist: a deleted or misnamed output topic, which no restart fixes,
   * unlike a broker that is away.
   */
  private Optional<String> missingTopic(Throwable exception) {
    BrokerWatch watch;
    synchronized (this) {
      watch = brokerWatch;
    }
    for (Throwable t = exception; t != null && watch != null; t = t.getCause()) {
      Matcher m = NOT_IN_METADATA.matcher(String.valueOf(t.getMessage()));
      if (m.find()) {
        String topic = m.group(1);
        return watch.topicExists(topic).filter(exists -> !exists).map(absent -> topic);
      }
    }
    return Optional.empty();
  }

  /** No wait for the first failure, then 1, 2, 4 ... s, at most {@link #MAX_REPLACE_DELAY}. */
  static Duration replaceDelay(int inARow) {
    if (inARow <= 1) {
      return Duration.ZERO;
    }
    long seconds = 1L << Math.min(inARow - 2, 10);
    return Duration.ofSeconds(Math.min(seconds, MAX_REPLACE_DELAY.toSeconds()));
  }

  /** Waits on the failed thread before it is replaced; a close ends the wait. */
  private void awaitDelay(Duration delay) {
    try {
      closing.await(delay.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Wipes the local state of the application (before {@link #start}): a fresh start. */
  public void cleanUp() {
    streams.cleanUp();
  }

  /**
   * Starts the stream threads and the broker watch; returns at once.
   *
   * @throws org.apache.kafka.common.KafkaException when the properties cannot make an admin client
   */
  public synchronized void start() {
    streams.start();
    brokerWatch = BrokerWatch.create(props, name);
    brokerWatch.start(ops);
  }

  /** The state of the streams instance. */
  public State state() {
    return streams.state();
  }

  /**
   * Waits at most {@code timeout} for the instance to be {@code RUNNING}.
   *
   * @return true when it is
   */
  public boolean awaitRunning(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (streams.state() != State.RUNNING && System.nanoTime() < deadline) {
      if (stopped.await(10, TimeUnit.MILLISECONDS)) {
        return false;
      }
    }
    return streams.state() == State.RUNNING;
  }

  /** Blocks until the instance stops, by {@link #close} or by a fatal error. */
  public void awaitStop() throws InterruptedException {
    stopped.await();
  }

  /**
   * Waits at most {@code timeout} for the instance to stop.
   *
   * @return true when it stopped
   */
  public boolean awaitStop(Duration timeout) throws InterruptedException {
    return stopped.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** The fatal error that stopped the instance, if any. */
  public Optional<Throwable> failure() {
    return Optional.ofNullable(failure.get());
  }

  /** The fatal error that stopped the instance, if any, as one line for people. */
  public Optional<String> failureMessage() {
    return failure().map(this::describe);
  }

  /** A local state store, for reading (e.g. whether the in-flight buffers are empty). */
  public ReadOnlyKeyValueStore<Object, Object> store(String storeName) {
    return streams.store(
        StoreQueryParameters.fromNameAndType(storeName, QueryableStoreTypes.keyValueStore()));
  }

  /**
   * A one-line reason: a missing input topic by name, the fatal inference error if there is one,
   * else the root cause, with a hint for security failures.
   */
  String describe(Throwable exception) {
    Throwable root = exception;
    for (Throwable t = exception; t != null; t = t.getCause()) {
      if (t instanceof InferenceException ie && ie.fatal()) {
        return "inference engine failed: " + ie.getMessage();
      }
      if (t instanceof MissingTopicException) {
        return t.getMessage();
      }
      if (t instanceof MissingSourceTopicException) {
        return "the input topic '"
            + inputTopic
            + "' ("
            + inputSetting
            + ") does not exist; create it, or set "
            + inputSetting
            + " to an existing topic";
      }
      root = t;
    }
    String reason = root.getClass().getSimpleName() + ": " + root.getMessage();
    return SecurityHints.hint(exception).map(hint -> reason + "; " + hint).orElse(reason);
  }

  /** Closes with {@code timeout}, staying in the group (a restart takes its tasks back). */
  @Override
  public void close() {
    close(Duration.ofSeconds(30), false);
  }

  /**
   * Closes the instance: the open transactions commit, buffered records stay in their changelogged
   * store for the next owner. {@code leaveGroup} makes a static member leave at once, so a later
   * run need not wait for its session to time out.
   *
   * @return true when every stream thread stopped within {@code timeout}
   */
  public boolean close(Duration timeout, boolean leaveGroup) {
    closing.countDown();
    synchronized (this) {
      if (brokerWatch != null) {
        brokerWatch.close();
      }
    }
    CloseOptions options =
        leaveGroup
            ? CloseOptions.groupMembershipOperation(
                CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
            : CloseOptions.groupMembershipOperation(
                CloseOptions.GroupMembershipOperation.REMAIN_IN_GROUP);
    boolean closed = streams.close(options.withTimeout(timeout));
    if (closed) {
      fencing.ifPresent(TransactionFencing::close);
    } else {
      LOG.warn("{}: stream threads still running {} s after close", name, timeout.toSeconds());
    }
    stopped.countDown();
    return closed;
  }
}
