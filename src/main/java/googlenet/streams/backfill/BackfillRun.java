package googlenet.streams.backfill;

import googlenet.streams.ops.ServiceOps;
import googlenet.streams.service.StreamsRunner;
import googlenet.streams.service.TransactionFencing;
import googlenet.streams.topology.Nodes;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of a prepared backfill: starts the streams instance, waits for the range to be done,
 * closes the instance cleanly (committing the last results and leaving the group), and counts what
 * was written.
 */
final class BackfillRun {
  private static final Logger LOG = LoggerFactory.getLogger(BackfillRun.class);
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(60);

  private final BackfillDefinition definition;
  private final GroupOffsets group;
  private final ResultCounter counter;
  private final Map<String, Object> client;
  private final boolean exactlyOnce;
  private final Duration pollInterval;
  private final String model;
  private final ReadableWait readable;

  BackfillRun(
      BackfillDefinition definition,
      GroupOffsets group,
      ResultCounter counter,
      Map<String, Object> client,
      boolean exactlyOnce,
      Duration pollInterval,
      String model,
      ReadableWait readable) {
    this.model = model;
    this.readable = readable;
    this.definition = definition;
    this.group = group;
    this.counter = counter;
    this.client = client;
    this.exactlyOnce = exactlyOnce;
    this.pollInterval = pollInterval;
  }

  BackfillSummary execute(
      Topology topology,
      Properties props,
      boolean fresh,
      Consumer<BackfillProgress> progress,
      ServiceOps ops)
      throws BackfillException {
    Map<TopicPartition, Long> outputMarks = counter.marks(definition.output());
    Map<TopicPartition, Long> dlqMarks = counter.marks(definition.dlq());
    TransactionFencing fencing =
        TransactionFencing.atStart(props, ops.metrics()::openTransactionsAtStart);
    StreamsRunner streams =
        new StreamsRunner(
            topology,
            props,
            "backfill " + definition.name(),
            definition.input(),
            "--input",
            ops,
            Optional.of(fencing));
    long start = System.nanoTime();
    run(streams, fresh, progress, ops);
    Duration duration = Duration.ofNanos(System.nanoTime() - start);
    long closed = System.nanoTime();
    Instant readableAt =
        readable.await(definition.name(), List.of(definition.output(), definition.dlq()));
    Duration readableAfter = Duration.ofNanos(System.nanoTime() - closed);
    LOG.info(
        "backfill {}: results readable by read_committed consumers from {}, {} ms after the close",
        definition.name(),
        readableAt,
        readableAfter.toMillis());
    return new BackfillSummary(
        definition.name(),
        counter.count(definition.output(), outputMarks),
        counter.count(definition.dlq(), dlqMarks),
        definition.total(),
        !fresh,
        duration,
        model,
        readableAt,
        readableAfter);
  }

  /** Starts the streams instance, waits until the range is done, and closes it cleanly. */
  private void run(
      StreamsRunner streams, boolean fresh, Consumer<BackfillProgress> progress, ServiceOps ops)
      throws BackfillException {
    if (fresh) {
      streams.cleanUp();
    }
    Thread onSignal = new Thread(() -> close(streams), "backfill-" + definition.name() + "-stop");
    Runtime.getRuntime().addShutdownHook(onSignal);
    try (TailProbe probe = new TailProbe(client, definition.input(), exactlyOnce)) {
      streams.start();
      CompletionWatcher watcher =
          new CompletionWatcher(
              group,
              definition,
              probe,
              () -> bufferEmpty(streams),
              () -> streams.state() == KafkaStreams.State.RUNNING,
              pollInterval);
      BackfillProgress last = watcher.await(progress, () -> describe(streams));
      LOG.info(
          "backfill {}: range done ({} of {} offsets), closing",
          definition.name(),
          last.done(),
          last.total());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BackfillException(
          "backfill " + definition.name() + " interrupted; run it again to resume", e);
    } finally {
      ops.shuttingDown();
      close(streams);
      removeHook(onSignal);
    }
  }

  private static void removeHook(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // the JVM is exiting: the hook closes the instance
    }
  }

  /**
   * Closes cleanly: the open transaction commits, the static member leaves the group so a later run
   * or {@code --restart} need not wait for its session to time out.
   */
  private void close(StreamsRunner streams) {
    streams.close(CLOSE_TIMEOUT, true);
  }

  private static String describe(StreamsRunner streams) {
    Optional<String> failure = streams.failureMessage();
    if (failure.isPresent()) {
      return failure.get();
    }
    KafkaStreams.State state = streams.state();
    if (state == KafkaStreams.State.ERROR
        || state == KafkaStreams.State.NOT_RUNNING
        || state == KafkaStreams.State.PENDING_SHUTDOWN
        || state == KafkaStreams.State.PENDING_ERROR) {
      return "the streams instance is " + state;
    }
    return null;
  }

  /** True when the in-flight buffer of every local task is empty. */
  private static boolean bufferEmpty(StreamsRunner streams) {
    try {
      ReadOnlyKeyValueStore<Object, Object> store = streams.store(Nodes.BUFFER_STORE);
      try (KeyValueIterator<Object, Object> all = store.all()) {
        return !all.hasNext();
      }
    } catch (InvalidStateStoreException e) {
      return false;
    }
  }
}
