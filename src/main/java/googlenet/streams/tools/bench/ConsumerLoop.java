package googlenet.streams.tools.bench;

import googlenet.streams.avro.ImageRecord;
import googlenet.streams.inference.Classifier;
import googlenet.streams.inference.ClassifyResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * BASELINE ONLY, NOT THE SERVICE: the plain consumer loop a user writes by hand in an afternoon,
 * with the service's classifier so that only the Kafka part differs. Each thread polls, hands every
 * polled image to the classifier (all submitted, flushed so that the last partial batch does not
 * wait the batch delay, then all awaited: one batched classification per poll, in batches up to
 * {@code batch.max.size}), produces the results, flushes the producer and commits the poll's
 * offsets with {@code commitSync}. At-least-once: a result is acknowledged before its input offset
 * is committed; a commit refused during a rebalance is counted and the records are read again. No
 * dead-letter topic: a record that cannot be labelled gets no result.
 */
final class ConsumerLoop implements MeasuredRun {
  private static final Duration POLL = Duration.ofMillis(100);
  private static final Duration CLOSE = Duration.ofSeconds(30);

  private final Map<String, Object> consumerProps;
  private final String input;
  private final String output;
  private final Classifier classifier;
  private final KafkaProducer<byte[], byte[]> producer;
  private final BaselineRecords records = new BaselineRecords();
  private final List<Thread> threads = new ArrayList<>();
  private final List<KafkaConsumer<byte[], byte[]>> consumers = new ArrayList<>();
  private final LongAdder polls = new LongAdder();
  private final LongAdder polled = new LongAdder();
  private final LongAdder refusedCommits = new LongAdder();
  private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
  private volatile boolean running = true;

  /**
   * A loop of group {@code group} from {@code input} to {@code output}; start it. Each poll returns
   * at most {@code maxPollRecords} images.
   */
  ConsumerLoop(
      String bootstrap,
      String group,
      String input,
      String output,
      Classifier classifier,
      int maxPollRecords) {
    this.consumerProps =
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrap,
            ConsumerConfig.GROUP_ID_CONFIG,
            group,
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
            "false",
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
            "earliest",
            ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
            Integer.toString(maxPollRecords));
    this.input = input;
    this.output = output;
    this.classifier = classifier;
    this.producer = ImageFeed.producer(bootstrap, Map.of());
  }

  /** Starts {@code n} loop threads, each with a consumer of its own in the group. */
  ConsumerLoop start(int n) {
    for (int i = 0; i < n; i++) {
      KafkaConsumer<byte[], byte[]> consumer =
          new KafkaConsumer<>(
              consumerProps, new ByteArrayDeserializer(), new ByteArrayDeserializer());
      consumers.add(consumer);
      Thread thread = new Thread(() -> loop(consumer), "bench-consumer-loop-" + i);
      thread.setDaemon(true);
      threads.add(thread);
      thread.start();
    }
    return this;
  }

  private void loop(KafkaConsumer<byte[], byte[]> consumer) {
    try (consumer) {
      consumer.subscribe(List.of(input));
      while (running) {
        ConsumerRecords<byte[], byte[]> batch = consumer.poll(POLL);
        if (!batch.isEmpty()) {
          classifyAndProduce(batch);
          commit(consumer);
        }
      }
    } catch (WakeupException e) {
      // closing
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      failure.compareAndSet(null, e);
    }
  }

  /** A polled image handed to the classifier. */
  private record Pending(byte[] key, ImageRecord image, CompletableFuture<ClassifyResult> result) {}

  private void classifyAndProduce(ConsumerRecords<byte[], byte[]> batch)
      throws InterruptedException {
    polls.increment();
    polled.add(batch.count());
    List<Pending> pending = new ArrayList<>();
    for (ConsumerRecord<byte[], byte[]> r : batch) {
      ImageRecord image = records.read(r.value());
      if (image != null) {
        pending.add(new Pending(r.key(), image, BaselineRecords.submit(classifier, image)));
      }
    }
    classifier.flush(); // the poll's images run now, full batch or not
    for (Pending p : pending) {
      byte[] value = records.await(p.image(), p.result());
      if (value != null) {
        producer.send(
            new ProducerRecord<>(output, p.key(), value),
            (meta, e) -> {
              if (e != null) {
                failure.compareAndSet(null, new IllegalStateException("producing failed: " + e));
              }
            });
      }
    }
    producer.flush();
    if (failure.get() != null) {
      throw failure.get(); // nothing of this poll is committed
    }
  }

  private void commit(KafkaConsumer<byte[], byte[]> consumer) {
    try {
      consumer.commitSync();
    } catch (CommitFailedException | RebalanceInProgressException e) {
      refusedCommits.increment(); // at-least-once: these records are read again
    }
  }

  /**
   * Polls that returned records, the mean records per such poll, commits refused by a rebalance,
   * and why a loop stopped before it was closed, if one did.
   */
  @Override
  public Map<String, String> settings() {
    Map<String, String> s = new LinkedHashMap<>();
    long n = polls.sum();
    s.put("polls", Long.toString(n));
    s.put(
        "images/poll",
        String.format(Locale.ROOT, "%.1f", n == 0 ? 0.0 : polled.sum() / (double) n));
    s.put("refused commits", Long.toString(refusedCommits.sum()));
    RuntimeException e = failure.get();
    if (e != null) {
      s.put("failed", e.getMessage());
    }
    return s;
  }

  /** Stops the threads (each waited for up to 30 s) and the producer. */
  @Override
  public void close() {
    running = false;
    consumers.forEach(KafkaConsumer::wakeup);
    for (Thread t : threads) {
      try {
        t.join(CLOSE.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    producer.close(CLOSE);
  }
}
