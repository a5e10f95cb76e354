package googlenet.streams.topology;

import googlenet.streams.avro.ImageRecord;
import googlenet.streams.inference.Classifier;
import googlenet.streams.inference.ClassifyResult;
import googlenet.streams.inference.ClassifyResult.Labelled;
import googlenet.streams.inference.ClassifyResult.Refused;
import googlenet.streams.serde.RecordReader;
import googlenet.streams.serde.RecordRejectedException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands every input record to the {@link Classifier} as it arrives and writes the outcomes in input
 * order. A record's offset is kept in the changelogged store {@link Nodes#BUFFER_STORE} from its
 * arrival until its result or dead letter is written, and deleted in the same transaction as that
 * write; so under exactly-once a crash or a rebalance loses and duplicates nothing. When the task
 * starts, the records whose offsets were restored into the store are read back from the input topic
 * ({@link RecordFetcher}) and handed to the classifier again. Outcomes are written whenever the
 * stream thread passes by: on each new record and on a short wall-clock punctuation. A task with
 * {@link TopologySpec#maxInFlight()} records in flight waits for its oldest before taking another.
 * Under exactly-once, a task that has written outcomes asks Kafka Streams for a commit, which makes
 * them readable, at most once per {@link TopologySpec#resultCommitInterval()}: at once when the
 * last request is older than that, else on a later pass.
 */
final class ClassifyProcessor implements Processor<byte[], byte[], byte[], byte[]> {
  private static final Logger LOG = LoggerFactory.getLogger(ClassifyProcessor.class);

  /** How often finished outcomes are written while no record arrives. */
  static final Duration DRAIN_INTERVAL = Duration.ofMillis(5);

  /** The value of a buffered offset: the key is what matters. */
  private static final byte[] IN_FLIGHT = new byte[0];

  private final TopologySpec spec;
  private final Classifier classifier;
  private final TopologyMetrics metrics;
  private final RecordReader<ImageRecord> reader;
  private final ArrayDeque<InFlight> inFlight = new ArrayDeque<>();
  private ProcessorContext<byte[], byte[]> context;
  private Outputs outputs;
  private KeyValueStore<Long, byte[]> buffer;
  private boolean uncommittedOutcomes;
  private long lastCommitRequestMs = Long.MIN_VALUE / 2;

  /** A record handed to the classifier, or refused before (its future is then done). */
  private record InFlight(
      PendingRecord pending, ImageRecord image, CompletableFuture<ClassifyResult> result) {}

  ClassifyProcessor(TopologySpec spec, Classifier classifier, TopologyMetrics metrics) {
    this.spec = spec;
    this.classifier = classifier;
    this.metrics = metrics;
    this.reader = spec.serdes().imageReader();
  }

  @Override
  public void init(ProcessorContext<byte[], byte[]> context) {
    this.context = context;
    this.outputs = new Outputs(context, spec, metrics);
    this.buffer = context.getStateStore(Nodes.BUFFER_STORE);
    resubmitRestored();
    reportBuffered();
    context.schedule(DRAIN_INTERVAL, PunctuationType.WALL_CLOCK_TIME, now -> drain());
  }

  /** Reads back and hands over again the records whose offsets were restored into the store. */
  private void resubmitRestored() {
    SortedSet<Long> offsets = new TreeSet<>();
    try (KeyValueIterator<Long, byte[]> restored = buffer.all()) {
      restored.forEachRemaining(kv -> offsets.add(kv.key));
    }
    if (offsets.isEmpty()) {
      return;
    }
    int partition = context.taskId().partition();
    Map<Long, PendingRecord> records = spec.fetcher().fetch(spec.inputTopic(), partition, offsets);
    for (long offset : offsets) {
      PendingRecord pending = records.get(offset);
      if (pending != null) {
        submit(pending);
      } else {
        PendingRecord gone =
            new PendingRecord(
                null,
                null,
                new Header[0],
                context.currentSystemTimeMs(),
                spec.inputTopic(),
                partition,
                offset);
        refuse(gone, DeadLetterHeaders.SOURCE_MISSING, new SourceMissingException(gone));
      }
    }
    LOG.info(
        "task {}: {} unfinished records read back ({} gone from the input topic) and handed to"
            + " the classifier again",
        context.taskId(),
        offsets.size(),
        offsets.size() - records.size());
  }

  @Override
  public void process(Record<byte[], byte[]> record) {
    RecordMetadata meta =
        context
            .recordMetadata()
            .orElseThrow(() -> new IllegalStateException("input record without metadata"));
    PendingRecord pending =
        new PendingRecord(
            record.key(),
            record.value(),
            record.headers().toArray(),
            record.timestamp(),
            meta.topic(),
            meta.partition(),
            meta.offset());
    buffer.put(pending.offset(), IN_FLIGHT);
    submit(pending);
    drain();
    while (inFlight.size() > spec.maxInFlight()) {
      write(inFlight.poll());
      drain();
    }
    reportBuffered();
  }

  /**
   * Deserialises and hands the image over; a record that is no image is refused at once. A schema
   * registry that cannot be reached is not the record's fault: its {@code
   * RegistryUnavailableException} stops the stream thread, and the record is read again.
   */
  private void submit(PendingRecord pending) {
    if (pending.value() == null) {
      refuse(pending, DeadLetterHeaders.NULL_VALUE, new NullValueException());
      return;
    }
    ImageRecord image;
    try {
      image = reader.read(pending.value());
    } catch (RecordRejectedException e) {
      refuse(pending, e.reason(), e);
      return;
    }
    byte[] encoded = bytes(image.getImage());
    ShadowRun shadow =
        spec.shadow()
            .filter(s -> s.samples(pending.partition(), pending.offset()))
            .map(s -> new ShadowRun(pending, image, s.output(), metrics))
            .orElse(null);
    CompletableFuture<ClassifyResult> result = classifier.submit(encoded, shadow);
    if (shadow != null) {
      shadow.live(result);
    }
    inFlight.add(new InFlight(pending, image, result));
  }

  private void refuse(PendingRecord pending, String reason, Exception cause) {
    ClassifyResult refused = new Refused(reason, cause);
    inFlight.add(new InFlight(pending, null, CompletableFuture.completedFuture(refused)));
  }

  /**
   * Writes the outcomes that are done, oldest first, up to the first that is not; then asks for a
   * commit when outcomes wait for one and the last request is old enough.
   */
  private void drain() {
    int before = inFlight.size();
    while (!inFlight.isEmpty() && inFlight.peek().result().isDone()) {
      write(inFlight.poll());
    }
    if (inFlight.size() != before) {
      reportBuffered();
    }
    maybeRequestCommit();
  }

  private void maybeRequestCommit() {
    Duration interval = spec.resultCommitInterval();
    if (!uncommittedOutcomes || interval.isZero()) {
      return;
    }
    long now = context.currentSystemTimeMs();
    if (now - lastCommitRequestMs >= interval.toMillis()) {
      context.commit();
      lastCommitRequestMs = now;
      uncommittedOutcomes = false;
    }
  }

  /** Writes one outcome, waiting for it if needed, and forgets the record. */
  private void write(InFlight f) {
    ClassifyResult result;
    try {
      result = f.result().get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StreamsException("interrupted while waiting for the classifier", e);
    } catch (ExecutionException e) {
      throw new StreamsException(
          "inference engine failed fatally, stopping ("
              + e.getCause().getMessage()
              + "); check model.path, execution.provider and the engine log above",
          e.getCause());
    }
    String imageId = f.image() == null ? null : f.image().getId();
    if (result instanceof Labelled labelled) {
      outputs.result(f.pending(), f.image(), labelled);
    } else {
      Refused refused = (Refused) result;
      outputs.deadLetter(f.pending(), imageId, refused.reason(), refused.cause());
    }
    buffer.delete(f.pending().offset());
    uncommittedOutcomes = true;
  }

  private void reportBuffered() {
    metrics.buffered(context.taskId().toString(), inFlight.size());
  }

  private static byte[] bytes(ByteBuffer buffer) {
    ByteBuffer view = buffer.duplicate();
    byte[] out = new byte[view.remaining()];
    view.get(out);
    return out;
  }

  @Override
  public void close() {
    // The records stay in the store; whichever instance owns the task next classifies them.
    inFlight.forEach(f -> f.result().cancel(false));
    inFlight.clear();
    if (context != null) {
      metrics.buffered(context.taskId().toString(), 0);
    }
  }
}
