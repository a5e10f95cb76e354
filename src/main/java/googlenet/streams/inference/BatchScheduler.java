package googlenet.streams.inference;

import googlenet.streams.inference.ClassifyResult.Labelled;
import googlenet.streams.inference.ClassifyResult.Refused;
import googlenet.streams.label.Labels;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One per classifier: gathers decoded images from every caller into batches of up to {@code
 * batchMaxSize} and runs them on {@code concurrentRuns} runner threads. A batch runs when it is
 * full, when its oldest image has waited {@code batchMaxDelay} (images that queue while the engine
 * is busy make the next batch fuller without waiting), or when it holds an image admitted before a
 * {@link #flush}. A batch that fails for a reason that concerns only the batch is run again image
 * by image, so one bad image cannot sink the others. A fatal failure fails every queued image and
 * every later one: the engine cannot be used any more.
 */
final class BatchScheduler implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(BatchScheduler.class);

  private volatile InferenceEngine engine;
  private final Labels labels;
  private final ClassifierSettings settings;
  private final SlotPool slots;
  private final SchedulerMetrics metrics;
  private final ShadowRunner shadow;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final ArrayDeque<Item> queue = new ArrayDeque<>();
  private final List<Thread> runners = new ArrayList<>();
  private final Map<InferenceEngine, Integer> running = new IdentityHashMap<>();
  private final AtomicLong admitted = new AtomicLong();
  private final ConcurrentSkipListSet<Long> unfinished = new ConcurrentSkipListSet<>();
  private volatile InferenceEngine draining;
  private long cut;
  private long flushBelow;
  private boolean closed;
  private InferenceException fatal;

  /**
   * A decoded image waiting for its batch, its number in submission order, and what to do with its
   * shadow run (or null).
   */
  private record Item(
      long seq,
      ByteBuffer tensor,
      CompletableFuture<ClassifyResult> result,
      long queued,
      ShadowTicket shadow) {}

  /**
   * Images taken from the queue together, and the engine they run on: chosen when the batch is
   * formed, under the queue's lock, by the images' submission numbers, so after a swap no image
   * runs on the old engine once a later-submitted one ran on the new, however the decode threads
   * finish.
   */
  private record Batch(List<Item> items, InferenceEngine engine) {}

  BatchScheduler(
      InferenceEngine engine,
      Labels labels,
      ClassifierSettings settings,
      SlotPool slots,
      SchedulerMetrics metrics,
      ShadowRunner shadow) {
    this.shadow = shadow;
    this.engine = engine;
    this.labels = labels;
    this.settings = settings;
    this.slots = slots;
    this.metrics = metrics;
    for (int i = 0; i < settings.concurrentRuns(); i++) {
      Thread runner = new Thread(this::runLoop, Classifier.INFERENCE_THREAD_PREFIX + i);
      runner.setDaemon(true);
      runners.add(runner);
      runner.start();
    }
  }

  /**
   * Numbers an image as it is submitted, before its decoding, which may finish out of order; the
   * image counts as unfinished until {@code result} completes, however it does.
   */
  long admit(CompletableFuture<ClassifyResult> result) {
    long seq = admitted.getAndIncrement();
    unfinished.add(seq);
    result.whenComplete((r, e) -> imageFinished(seq));
    return seq;
  }

  private void imageFinished(long seq) {
    unfinished.remove(seq);
    if (draining != null) {
      lock.lock();
      try {
        changed.signalAll();
      } finally {
        lock.unlock();
      }
    }
  }

  /**
   * Queues a decoded image numbered by {@link #admit}; its slot goes back to the pool when its
   * batch is formed, after a copy went to the shadow when {@code shadowTicket} is not null.
   */
  void enqueue(
      long seq,
      ByteBuffer tensor,
      CompletableFuture<ClassifyResult> result,
      ShadowTicket shadowTicket) {
    lock.lock();
    try {
      if (fatal != null || closed) {
        slots.release(tensor);
        result.completeExceptionally(
            fatal != null ? fatal : new IllegalStateException("the classifier is closed"));
        return;
      }
      queue.add(new Item(seq, tensor, result, System.nanoTime(), shadowTicket));
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  private void runLoop() {
    int bytes = slots.imageBytes();
    ByteBuffer batch =
        ByteBuffer.allocateDirect(settings.batchMaxSize() * bytes).order(ByteOrder.nativeOrder());
    try {
      for (Batch next = nextBatch(); !next.items().isEmpty(); next = nextBatch()) {
        List<Item> items = next.items();
        for (int i = 0; i < items.size(); i++) {
          Item item = items.get(i);
          batch.put(i * bytes, item.tensor(), 0, bytes);
          if (item.shadow() != null) {
            shadow.offer(item.tensor(), item.shadow());
          }
          slots.release(item.tensor());
        }
        try {
          run(next.engine(), items, batch);
        } finally {
          finished(next.engine());
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Waits for a batch to be due and takes it; empty once closed. */
  private Batch nextBatch() throws InterruptedException {
    long maxDelay = settings.batchMaxDelay().toNanos();
    lock.lock();
    try {
      while (true) {
        dropCancelled();
        if (closed) {
          return new Batch(List.of(), engine);
        }
        if (queue.isEmpty()) {
          changed.await();
          continue;
        }
        long waited = System.nanoTime() - queue.peek().queued();
        if (queue.size() >= settings.batchMaxSize() || waited >= maxDelay || flushedQueued()) {
          InferenceEngine on = engineFor(queue.peek());
          running.merge(on, 1, Integer::sum);
          return new Batch(take(on), on);
        }
        changed.awaitNanos(maxDelay - waited);
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * Lets the images admitted so far run as soon as they are decoded, in batches of what is queued,
   * without waiting for a full batch or {@code batchMaxDelay}: their caller has no more coming.
   */
  void flush() {
    lock.lock();
    try {
      flushBelow = admitted.get();
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /**
   * True when an image admitted before the last flush is queued. Every queued image is unfinished,
   * so once the oldest unfinished one was admitted after the flush, the queue is not searched.
   */
  private boolean flushedQueued() {
    Long oldest = unfinished.isEmpty() ? null : unfinished.first();
    if (oldest == null || oldest >= flushBelow) {
      return false;
    }
    for (Item item : queue) {
      if (item.seq() < flushBelow) {
        return true;
      }
    }
    return false;
  }

  /** The old engine for an image submitted before the swap it drains, else the current one. */
  private InferenceEngine engineFor(Item item) {
    InferenceEngine old = draining;
    return old != null && item.seq() < cut ? old : engine;
  }

  /** The oldest queued images that run on {@code on}, up to a full batch. */
  private List<Item> take(InferenceEngine on) {
    List<Item> items = new ArrayList<>(Math.min(queue.size(), settings.batchMaxSize()));
    for (Iterator<Item> it = queue.iterator();
        it.hasNext() && items.size() < settings.batchMaxSize(); ) {
      Item item = it.next();
      if (engineFor(item) == on) {
        items.add(item);
        it.remove();
      }
    }
    return items;
  }

  /** Images whose caller gave up on them (a task that moved away) are not run. */
  private void dropCancelled() {
    queue.removeIf(
        item -> {
          if (item.result().isDone()) {
            slots.release(item.tensor());
            return true;
          }
          return false;
        });
  }

  /**
   * Runs the images submitted from now on on {@code next}; those submitted before (decoding, queued
   * or running) finish on the engine they were submitted to, and this waits for them. Returns the
   * engine replaced, no longer in use.
   */
  InferenceEngine swap(InferenceEngine next) {
    lock.lock();
    try {
      InferenceEngine previous = engine;
      cut = admitted.get();
      draining = previous;
      engine = next;
      changed.signalAll();
      while (olderThanCutUnfinished() || running.containsKey(previous)) {
        changed.awaitUninterruptibly(); // at most the images submitted before the swap
      }
      draining = null;
      return previous;
    } finally {
      lock.unlock();
    }
  }

  private boolean olderThanCutUnfinished() {
    Long oldest = unfinished.isEmpty() ? null : unfinished.first();
    return oldest != null && oldest < cut && !closed;
  }

  private void finished(InferenceEngine ran) {
    lock.lock();
    try {
      running.computeIfPresent(ran, (e, n) -> n == 1 ? null : n - 1);
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** The engine new batches run on. */
  InferenceEngine engine() {
    return engine;
  }

  private void run(InferenceEngine current, List<Item> items, ByteBuffer batch) {
    int n = items.size();
    long queueNanos = System.nanoTime() - items.get(0).queued();
    try {
      BatchResult result = current.run(batch, n);
      metrics.batchRun(n, queueNanos, result.inferenceNanos());
      if (result.probabilities().length != n) {
        throw new InferenceException(
            "the engine returned "
                + result.probabilities().length
                + " results for "
                + n
                + " images",
            true,
            null);
      }
      for (int i = 0; i < n; i++) {
        items.get(i).result().complete(labelled(current, result, i, n));
      }
    } catch (InferenceException e) {
      if (e.fatal()) {
        failAll(e, items);
      } else if (n == 1) {
        items.get(0).result().complete(new Refused(Refused.INFERENCE_FAILED, e));
      } else {
        LOG.warn("batch of {} images failed ({}); running each image alone", n, e.getMessage());
        runAlone(current, items, batch);
      }
    } catch (RuntimeException e) {
      items.forEach(item -> item.result().completeExceptionally(e));
    }
  }

  private void runAlone(InferenceEngine current, List<Item> items, ByteBuffer batch) {
    int bytes = slots.imageBytes();
    for (int i = 0; i < items.size(); i++) {
      CompletableFuture<ClassifyResult> result = items.get(i).result();
      try {
        BatchResult alone =
            current.run(batch.slice(i * bytes, bytes).order(ByteOrder.nativeOrder()), 1);
        metrics.batchRun(1, 0, alone.inferenceNanos());
        result.complete(labelled(current, alone, 0, 1));
      } catch (InferenceException e) {
        if (e.fatal()) {
          failAll(e, items.subList(i, items.size()));
          return;
        }
        result.complete(new Refused(Refused.INFERENCE_FAILED, e));
      }
    }
  }

  private Labelled labelled(InferenceEngine ran, BatchResult result, int index, int batchSize) {
    return new Labelled(
        labels.topK(result.probabilities()[index], settings.topK()),
        ran.model(),
        result.provider(),
        batchSize,
        result.inferenceNanos());
  }

  /** A fatal failure: this batch, everything queued and everything later fails with it. */
  private void failAll(InferenceException e, List<Item> items) {
    LOG.error("inference engine failed fatally: {}", e.getMessage());
    items.forEach(item -> item.result().completeExceptionally(e));
    lock.lock();
    try {
      fatal = e;
      closed = true;
      queue.forEach(item -> item.result().completeExceptionally(e));
      queue.clear();
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Stops the runners after the batches in flight; queued images fail as closed. */
  @Override
  public void close() {
    lock.lock();
    try {
      closed = true;
      IllegalStateException gone = new IllegalStateException("the classifier is closed");
      queue.forEach(item -> item.result().completeExceptionally(gone));
      queue.clear();
      changed.signalAll();
    } finally {
      lock.unlock();
    }
    for (Thread runner : runners) {
      joinQuietly(runner, Duration.ofSeconds(30));
    }
  }

  private static void joinQuietly(Thread thread, Duration timeout) {
    try {
      thread.join(timeout.toMillis());
      if (thread.isAlive()) {
        LOG.warn("{} still running {} s after close", thread.getName(), timeout.toSeconds());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
