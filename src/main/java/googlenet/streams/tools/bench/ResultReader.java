package googlenet.streams.tools.bench;

import googlenet.streams.tools.broker.TopicPartitions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads results back on its own thread with a read_committed consumer, noting for each image (by
 * its {@code bench-i} key) when its result became readable and its latency from the record
 * timestamp, which the pipeline copies from the input record (the produce time).
 */
final class ResultReader implements AutoCloseable {
  private static final long NONE = -1;

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final long[] receivedNanos;
  private final long[] latencyMs;
  private final CpuSample[] cpu;
  private final DecodeCpu decode;
  private final Thread thread;
  private long unique;
  private long lastArrival = NONE;
  private long duplicates;
  private volatile boolean running = true;
  private volatile RuntimeException failure;

  private ResultReader(String bootstrap, String topic, int capacity, DecodeCpu decode) {
    this.consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed",
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG,
                "20",
                ConsumerConfig.CLIENT_ID_CONFIG,
                "bench-reader-" + topic),
            new ByteArrayDeserializer(),
            new ByteArrayDeserializer());
    List<TopicPartition> partitions = TopicPartitions.of(consumer, topic, Duration.ofSeconds(30));
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
    this.receivedNanos = new long[capacity];
    this.latencyMs = new long[capacity];
    this.cpu = new CpuSample[capacity];
    this.decode = decode;
    Arrays.fill(receivedNanos, NONE);
    this.thread = new Thread(this::loop, "bench-reader-" + topic);
    this.thread.setDaemon(true);
  }

  /**
   * Starts reading {@code topic} from the beginning; keys {@code bench-0 .. capacity-1}. The CPU of
   * the process, the in-JVM broker and {@code decode}'s threads (null: not measured) is sampled at
   * every poll that returns results.
   */
  static ResultReader start(String bootstrap, String topic, int capacity, DecodeCpu decode) {
    ResultReader reader = new ResultReader(bootstrap, topic, capacity, decode);
    reader.thread.start();
    return reader;
  }

  private void loop() {
    try {
      while (running) {
        ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(50));
        if (records.isEmpty()) {
          continue;
        }
        CpuSample sample = CpuSample.now(decode);
        long nanos = System.nanoTime();
        long wallMs = System.currentTimeMillis();
        for (ConsumerRecord<byte[], byte[]> r : records) {
          note(r, nanos, wallMs, sample);
        }
      }
    } catch (RuntimeException e) {
      failure = e;
    } finally {
      consumer.close(Duration.ofSeconds(5));
    }
  }

  /** Notes a result with the time and CPU sample of the poll that returned it. */
  private synchronized void note(
      ConsumerRecord<byte[], byte[]> r, long nanos, long wallMs, CpuSample sample) {
    long i = ImageFeed.index(r.key());
    if (i < 0 || i >= receivedNanos.length) {
      return;
    }
    if (receivedNanos[(int) i] != NONE) {
      duplicates++;
      return;
    }
    receivedNanos[(int) i] = nanos;
    cpu[(int) i] = sample;
    latencyMs[(int) i] = wallMs - r.timestamp();
    lastArrival = nanos;
    unique++;
    notifyAll();
  }

  /**
   * Waits until {@code count} distinct results arrived, or a bound of {@code bounds} ends the wait:
   * the first result not within {@code first}, a gap after the last one (or after now, when results
   * came before) longer than {@code stall}, or the whole wait longer than {@code overall}.
   */
  synchronized Bounds.Outcome await(long count, Bounds bounds) throws InterruptedException {
    long start = System.nanoTime();
    long deadline = start + bounds.overall().toNanos();
    while (unique < count && failure == null) {
      long now = System.nanoTime();
      boolean arrived = lastArrival != NONE;
      long quietSince = arrived ? Math.max(start, lastArrival) : start;
      Duration allowed = arrived ? bounds.stall() : bounds.first();
      long quietEnd = quietSince + allowed.toNanos();
      if (now >= deadline) {
        return new Bounds.Outcome(false, "not all within " + bounds.overall().toSeconds() + " s");
      }
      if (now >= quietEnd) {
        String what = arrived ? "no new result" : "no result";
        return new Bounds.Outcome(false, what + " for " + allowed.toSeconds() + " s");
      }
      long left = Math.min(deadline, quietEnd) - now;
      TimeUnit.NANOSECONDS.timedWait(this, Math.min(left, TimeUnit.MILLISECONDS.toNanos(200)));
    }
    if (failure != null) {
      throw new IllegalStateException("reading results failed: " + failure, failure);
    }
    return Bounds.Outcome.ALL;
  }

  /** Distinct results so far. */
  synchronized long unique() {
    return unique;
  }

  /** Results seen again for an image already seen. */
  synchronized long duplicates() {
    return duplicates;
  }

  /**
   * The steady part of the run: from the arrival of the result ranked {@code skipFraction} of all
   * to the last one, so start-up (group join, transactions, JIT) is not counted.
   */
  synchronized Window steadyWindow(double skipFraction) {
    Integer[] order = new Integer[receivedNanos.length];
    int n = 0;
    for (int i = 0; i < receivedNanos.length; i++) {
      if (receivedNanos[i] != NONE) {
        order[n++] = i;
      }
    }
    if (n < 2) {
      return Window.EMPTY;
    }
    Integer[] arrived = Arrays.copyOf(order, n);
    Arrays.sort(arrived, (a, b) -> Long.compare(receivedNanos[a], receivedNanos[b]));
    int skip = Math.min(n - 2, (int) (n * skipFraction));
    int first = arrived[skip];
    int last = arrived[n - 1];
    return new Window(
        n - 1 - skip, receivedNanos[last] - receivedNanos[first], cpu[first], cpu[last]);
  }

  /** Sorted latencies (ms) of images {@code from} to {@code to} (exclusive) that arrived. */
  synchronized long[] latencies(long from, long to) {
    List<Long> out = new ArrayList<>();
    for (long i = from; i < to; i++) {
      if (receivedNanos[(int) i] != NONE) {
        out.add(latencyMs[(int) i]);
      }
    }
    return out.stream().mapToLong(Long::longValue).sorted().toArray();
  }

  /**
   * Sorted latencies (ms) of the results that became readable after {@code fromNanos} and at or
   * before {@code toNanos} ({@link System#nanoTime} values).
   */
  synchronized long[] latenciesArrived(long fromNanos, long toNanos) {
    List<Long> out = new ArrayList<>();
    for (int i = 0; i < receivedNanos.length; i++) {
      long n = receivedNanos[i];
      if (n != NONE && n > fromNanos && n <= toNanos) {
        out.add(latencyMs[i]);
      }
    }
    return out.stream().mapToLong(Long::longValue).sorted().toArray();
  }

  /** Arrival nanos of the first and last result among images {@code from..to}, or null. */
  synchronized long[] arrivalSpan(long from, long to) {
    long first = Long.MAX_VALUE;
    long last = Long.MIN_VALUE;
    for (long i = from; i < to; i++) {
      long n = receivedNanos[(int) i];
      if (n != NONE) {
        first = Math.min(first, n);
        last = Math.max(last, n);
      }
    }
    return first == Long.MAX_VALUE ? null : new long[] {first, last};
  }

  @Override
  public void close() {
    running = false;
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
