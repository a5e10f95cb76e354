package googlenet.streams.inference;

import googlenet.streams.inference.ClassifyResult.Labelled;
import googlenet.streams.label.Labels;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs copies of the live tensors through a candidate model on a thread of its own. Bounded: it
 * holds at most {@code capacity} images; an image offered while it is full is skipped, never waited
 * for, so the live path never slows down for the shadow. A candidate that fails fatally is switched
 * off (every later image skipped) instead of stopping anything.
 */
final class ShadowRunner implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ShadowRunner.class);

  private final InferenceEngine candidate;
  private final Labels labels;
  private final int topK;
  private final int batchMaxSize;
  private final int imageBytes;
  private final BlockingQueue<ByteBuffer> free;
  private final BlockingQueue<Item> queue;
  private final Thread runner;
  private volatile boolean disabled;
  private volatile boolean closed;

  private record Item(ByteBuffer tensor, ShadowTicket ticket) {}

  ShadowRunner(
      InferenceEngine candidate,
      Labels labels,
      int topK,
      int batchMaxSize,
      int capacity,
      int bytes) {
    this.candidate = candidate;
    this.labels = labels;
    this.topK = topK;
    this.batchMaxSize = batchMaxSize;
    this.imageBytes = bytes;
    this.free = new ArrayBlockingQueue<>(capacity);
    this.queue = new ArrayBlockingQueue<>(capacity);
    for (int i = 0; i < capacity; i++) {
      free.add(direct(bytes));
    }
    this.runner = new Thread(this::runLoop, "gns-shadow");
    runner.setDaemon(true);
    runner.start();
  }

  /** The candidate model. */
  InferenceEngine candidate() {
    return candidate;
  }

  /** Copies {@code tensor} for the candidate, or skips it when the shadow is full or off. */
  void offer(ByteBuffer tensor, ShadowTicket ticket) {
    if (disabled || closed) {
      ticket.skipped("disabled");
      return;
    }
    ByteBuffer copy = free.poll();
    if (copy == null) {
      ticket.skipped("queue-full");
      return;
    }
    copy.clear().put(0, tensor, 0, imageBytes);
    queue.add(new Item(copy, ticket));
  }

  private void runLoop() {
    ByteBuffer batch = direct(batchMaxSize * imageBytes);
    List<Item> items = new ArrayList<>(batchMaxSize);
    while (!closed) {
      try {
        Item first = queue.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        items.add(first);
        queue.drainTo(items, batchMaxSize - 1);
        for (int i = 0; i < items.size(); i++) {
          batch.put(i * imageBytes, items.get(i).tensor(), 0, imageBytes);
          free.add(items.get(i).tensor());
        }
        run(items, batch);
        items.clear();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private void run(List<Item> items, ByteBuffer batch) {
    int n = items.size();
    try {
      BatchResult result = candidate.run(batch, n);
      for (int i = 0; i < n; i++) {
        items
            .get(i)
            .ticket()
            .completed(
                new Labelled(
                    labels.topK(result.probabilities()[i], topK),
                    candidate.model(),
                    result.provider(),
                    n,
                    result.inferenceNanos()));
      }
    } catch (InferenceException e) {
      if (e.fatal()) {
        disabled = true;
        LOG.error(
            "shadow model {} failed fatally and is off: {}",
            candidate.model().name(),
            e.getMessage());
      }
      items.forEach(item -> item.ticket().skipped(e.fatal() ? "disabled" : "failed"));
    } catch (RuntimeException e) {
      LOG.warn("shadow run of {} images failed: {}", n, e.toString());
      items.forEach(item -> item.ticket().skipped("failed"));
    }
  }

  private static ByteBuffer direct(int bytes) {
    return ByteBuffer.allocateDirect(bytes).order(ByteOrder.nativeOrder());
  }

  /** Stops the runner after the batch in flight; queued images are skipped. */
  @Override
  public void close() {
    closed = true;
    try {
      runner.join(TimeUnit.SECONDS.toMillis(30));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    List<Item> left = new ArrayList<>();
    queue.drainTo(left);
    left.forEach(item -> item.ticket().skipped("disabled"));
  }
}
