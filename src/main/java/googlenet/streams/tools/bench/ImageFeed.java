package googlenet.streams.tools.bench;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Produces the benchmark's images as {@code ImageRecord}s keyed {@code bench-i}. The record
 * timestamp is left to the producer, so it is the produce time that latency is measured from.
 */
final class ImageFeed implements AutoCloseable {
  private final KafkaProducer<byte[], byte[]> producer;
  private final BenchImages images;
  private final AtomicReference<Exception> failure = new AtomicReference<>();
  private final AtomicLong sent = new AtomicLong();

  ImageFeed(String bootstrap, BenchImages images, boolean lowLatency) {
    this.images = images;
    this.producer =
        producer(
            bootstrap,
            Map.of(
                ProducerConfig.LINGER_MS_CONFIG,
                lowLatency ? "0" : "20",
                ProducerConfig.BATCH_SIZE_CONFIG,
                Integer.toString(1 << 20),
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG,
                Integer.toString(4 << 20),
                ProducerConfig.CLIENT_ID_CONFIG,
                "bench-feed"));
  }

  /** A byte-array producer to {@code bootstrap} with {@code acks=all} and {@code extra}. */
  static KafkaProducer<byte[], byte[]> producer(String bootstrap, Map<String, String> extra) {
    Map<String, Object> props = new HashMap<>(extra);
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
  }

  /** The key of image {@code i}. */
  static byte[] key(long i) {
    return ("bench-" + i).getBytes(StandardCharsets.US_ASCII);
  }

  /** The index of a key written by {@link #key}, or -1. */
  static long index(byte[] key) {
    String s = key == null ? "" : new String(key, StandardCharsets.US_ASCII);
    return s.startsWith("bench-") ? Long.parseLong(s.substring(6)) : -1;
  }

  /** Sends images {@code from} (inclusive) to {@code to} (exclusive) as fast as possible. */
  void sendAll(String topic, long from, long to) {
    for (long i = from; i < to; i++) {
      send(topic, i);
    }
    flush();
  }

  /**
   * Sends images {@code from} to {@code to} at {@code perSecond}, each at its scheduled time, and
   * returns when the last is acknowledged.
   */
  void sendPaced(String topic, long from, long to, double perSecond) {
    long start = System.nanoTime();
    for (long i = from; i < to; i++) {
      long due = start + (long) ((i - from) * 1e9 / perSecond);
      long wait = due - System.nanoTime();
      if (wait > 0) {
        LockSupport.parkNanos(wait);
      }
      send(topic, i);
    }
    flush();
  }

  /** Images handed to the producer so far. */
  long sent() {
    return sent.get();
  }

  private void send(String topic, long i) {
    sent.incrementAndGet();
    producer.send(
        new ProducerRecord<>(topic, key(i), images.record(i)),
        (meta, e) -> {
          if (e != null) {
            failure.compareAndSet(null, e);
          }
        });
  }

  private void flush() {
    producer.flush();
    Exception e = failure.get();
    if (e != null) {
      throw new IllegalStateException("producing a benchmark image failed: " + e, e);
    }
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(30));
  }
}
