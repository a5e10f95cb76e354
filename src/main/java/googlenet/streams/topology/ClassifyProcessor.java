package googlenet.streams.topology;

import googlenet.streams.avro.ImageRecord;
import googlenet.streams.config.GnsConfig;
import googlenet.streams.image.ImageRejectedException;
import googlenet.streams.serde.AvroSerde;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
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
 * Deserialises, preprocesses, batches, runs and labels images. Each input record is decoded on
 * arrival into a slot of the task's {@link SlotBuffer}, and kept as read in the changelogged store
 * {@link Nodes#BUFFER_STORE} keyed by offset. A batch runs when it is full (in {@link #process}) or
 * when its oldest record has waited {@code batch.max.delay.ms} (wall-clock punctuation); its
 * results are written and its keys deleted in the same transaction. Records restored into the store
 * after a crash or rebalance have no tensor yet: they are decoded again when their batch runs, at
 * the first punctuation. With {@code batch.max.size=1} there is no store: each record is classified
 * in {@link #process}. Rejected records go to the dead-letter topic.
 */
final class ClassifyProcessor implements Processor<byte[], byte[], byte[], byte[]> {
  private static final Logger LOG = LoggerFactory.getLogger(ClassifyProcessor.class);

  private final GnsConfig config;
  private final Pipeline pipeline;
  private final AvroSerde<ImageRecord> imageSerde = AvroSerde.imageRecord();
  private final SlotBuffer slots;
  private final BatchRunner runner;
  private final long delayMs;
  private ProcessorContext<byte[], byte[]> context;
  private Outputs outputs;
  private KeyValueStore<Long, PendingRecord> buffer;
  private int buffered;
  private long oldestArrivalMs;

  ClassifyProcessor(GnsConfig config, Pipeline pipeline) {
    this.config = config;
    this.pipeline = pipeline;
    this.slots = new SlotBuffer(config.batchMaxSize());
    this.runner = new BatchRunner(pipeline.engine(), pipeline.metrics());
    this.delayMs = config.batchMaxDelay().toMillis();
  }

  @Override
  public void init(ProcessorContext<byte[], byte[]> context) {
    this.context = context;
    this.outputs =
        new Outputs(
            context, pipeline, config.topK(), config.routes(), config.producerMaxRequestBytes());
    slots.clear();
    if (config.batchMaxSize() == 1) {
      return;
    }
    buffer = context.getStateStore(Nodes.BUFFER_STORE);
    buffered = countBuffered();
    reportBuffered();
    oldestArrivalMs = context.currentSystemTimeMs() - delayMs;
    if (buffered > 0) {
      LOG.info(
          "task {}: {} buffered records restored; they run at the next punctuation",
          context.taskId(),
          buffered);
    }
    Duration interval = Duration.ofMillis(Math.max(1, delayMs / 4));
    context.schedule(interval, PunctuationType.WALL_CLOCK_TIME, this::punctuate);
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
    ImageRecord image = deserialize(pending);
    if (image == null) {
      return;
    }
    if (buffer == null) {
      if (preprocess(pending, image, 0)) {
        pipeline.metrics().batchWaited(0);
        run(List.of(new Ready(pending, image)));
      }
      slots.clear();
      return;
    }
    int position = buffered;
    if (position < slots.capacity() && !preprocess(pending, image, position)) {
      return;
    }
    buffer.put(pending.offset(), pending);
    if (buffered++ == 0) {
      oldestArrivalMs = context.currentSystemTimeMs();
    }
    if (buffered >= config.batchMaxSize()) {
      flush();
    }
    reportBuffered();
  }

  private void punctuate(long now) {
    if (buffered > 0 && now - oldestArrivalMs >= delayMs) {
      flush();
      reportBuffered();
    }
  }

  private void reportBuffered() {
    pipeline.metrics().buffered(context.taskId().toString(), buffered);
  }

  private void flush() {
    pipeline.metrics().batchWaited(context.currentSystemTimeMs() - oldestArrivalMs);
    List<PendingRecord> all = new ArrayList<>(buffered);
    try (KeyValueIterator<Long, PendingRecord> it = buffer.all()) {
      it.forEachRemaining(kv -> all.add(kv.value));
    }
    int max = config.batchMaxSize();
    for (int from = 0; from < all.size(); from += max) {
      List<PendingRecord> chunk = all.subList(from, Math.min(all.size(), from + max));
      run(prepare(chunk));
      chunk.forEach(p -> buffer.delete(p.offset()));
      slots.clear();
    }
    buffered = 0;
  }

  /** Puts the tensor of the i-th usable record of {@code chunk} in slot i, decoding if needed. */
  private List<Ready> prepare(List<PendingRecord> chunk) {
    List<Ready> ready = new ArrayList<>(chunk.size());
    for (PendingRecord pending : chunk) {
      ImageRecord image = deserialize(pending);
      int target = ready.size();
      int cached = image == null ? -1 : slots.slotOf(pending.offset());
      if (cached > target) {
        slots.move(cached, target);
      }
      if (image != null && (cached >= target || preprocess(pending, image, target))) {
        ready.add(new Ready(pending, image));
      }
    }
    return ready;
  }

  private void run(List<Ready> ready) {
    if (ready.isEmpty()) {
      return;
    }
    List<BatchRunner.Outcome> outcomes = runner.run(slots, ready.size());
    for (int i = 0; i < ready.size(); i++) {
      Ready r = ready.get(i);
      BatchRunner.Outcome outcome = outcomes.get(i);
      if (outcome.failure() != null) {
        outputs.deadLetter(
            r.pending(), r.image().getId(), DeadLetterHeaders.INFERENCE_FAILED, outcome.failure());
      } else {
        outputs.result(r.pending(), r.image(), outcome);
      }
    }
  }

  private ImageRecord deserialize(PendingRecord pending) {
    if (pending.value() == null) {
      outputs.deadLetter(pending, null, DeadLetterHeaders.NULL_VALUE, new NullValueException());
      return null;
    }
    try {
      return imageSerde.decode(pending.value());
    } catch (SerializationException e) {
      outputs.deadLetter(pending, null, DeadLetterHeaders.UNDESERIALIZABLE, e);
      return null;
    }
  }

  private boolean preprocess(PendingRecord pending, ImageRecord image, int slot) {
    try {
      pipeline.preprocessor().preprocessInto(bytes(image.getImage()), slots.tensors(), slot);
      slots.assign(slot, pending.offset());
      return true;
    } catch (ImageRejectedException e) {
      outputs.deadLetter(pending, image.getId(), e.reason().code(), e);
      return false;
    }
  }

  private int countBuffered() {
    int n = 0;
    try (KeyValueIterator<Long, PendingRecord> it = buffer.all()) {
      while (it.hasNext()) {
        it.next();
        n++;
      }
    }
    return n;
  }

  private static byte[] bytes(ByteBuffer buffer) {
    ByteBuffer view = buffer.duplicate();
    byte[] out = new byte[view.remaining()];
    view.get(out);
    return out;
  }

  @Override
  public void close() {
    // Buffered records stay in the store; whichever instance owns the task next runs them.
    if (context != null) {
      pipeline.metrics().buffered(context.taskId().toString(), 0);
    }
  }

  private record Ready(PendingRecord pending, ImageRecord image) {}
}
