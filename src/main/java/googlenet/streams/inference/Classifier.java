package googlenet.streams.inference;

import googlenet.streams.image.ImagePreprocessor;
import googlenet.streams.image.ImageRejectedException;
import googlenet.streams.inference.ClassifyResult.Refused;
import googlenet.streams.label.Labels;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one path from encoded image bytes to labels, shared by every caller (the topology's stream
 * threads, {@code classify}, the benchmark): a pool of decode threads preprocesses each image into
 * a tensor slot, one {@link BatchScheduler} gathers the decoded images of every caller into batches
 * and runs them on the engine, and each image's top-k predictions complete its future. Decoding
 * scales with the decode threads, not with the callers; batches fill across callers.
 *
 * <p>What a decode thread writes into a slot follows the engine's {@link ImageInput}: the profile's
 * float tensor, or, for a model with the preprocessing fused in, the image resized to the model's
 * input size as uint8 pixels (the model normalises them).
 *
 * <p>Thread-safe. {@link #submit} never blocks; the memory of decoded images is bounded by a fixed
 * pool of slots, so callers bound what they have in flight. Closing stops the threads; the engine
 * stays open (its owner closes it). The engine can be swapped for another between batches.
 */
public final class Classifier implements AutoCloseable {
  /** Name prefix of the threads that run the batches on the engine, numbered from 0. */
  public static final String INFERENCE_THREAD_PREFIX = "gns-inference-";

  /** Name prefix of the threads that decode and preprocess images, numbered from 0. */
  public static final String DECODE_THREAD_PREFIX = "gns-decode-";

  private final ImagePreprocessor preprocessor;
  private final Labels labels;
  private final SlotPool slots;
  private final BatchScheduler scheduler;
  private final ExecutorService decoders;
  private final SchedulerMetrics metrics;
  private final ClassifierSettings settings;
  private final ShadowRunner shadow;
  private final ImageInput input;

  private Classifier(
      InferenceEngine engine,
      ImagePreprocessor preprocessor,
      Labels labels,
      ClassifierSettings settings,
      SchedulerMetrics metrics,
      ShadowRunner shadow) {
    this.shadow = shadow;
    this.preprocessor = preprocessor;
    this.labels = labels;
    this.settings = settings;
    this.metrics = metrics;
    this.input = engine.input();
    this.slots = new SlotPool(settings.slots(), input.bytes());
    this.scheduler = new BatchScheduler(engine, labels, settings, slots, metrics, shadow);
    this.decoders =
        Executors.newFixedThreadPool(settings.decodeThreads(), daemons(DECODE_THREAD_PREFIX));
  }

  /**
   * Starts a classifier on an open engine.
   *
   * @throws IllegalArgumentException when the labels do not name exactly the model's classes
   */
  public static Classifier start(
      InferenceEngine engine,
      ImagePreprocessor preprocessor,
      Labels labels,
      ClassifierSettings settings,
      SchedulerMetrics metrics) {
    requireFits(engine, labels);
    return new Classifier(engine, preprocessor, labels, settings, metrics, null);
  }

  /**
   * Starts a classifier on an open engine with a shadow candidate: every image handed over with a
   * {@link ShadowTicket} also runs, from the same tensor, through {@code candidate}, on a thread of
   * its own that holds at most {@code shadowCapacity} images and skips when full.
   *
   * @throws IllegalArgumentException when the labels do not name exactly the classes of the model
   *     or of the candidate
   */
  public static Classifier start(
      InferenceEngine engine,
      ImagePreprocessor preprocessor,
      Labels labels,
      ClassifierSettings settings,
      SchedulerMetrics metrics,
      InferenceEngine candidate,
      int shadowCapacity) {
    requireFits(engine, labels);
    requireFits(candidate, labels);
    requireSameInput(engine, candidate, "shadow candidate");
    ShadowRunner shadow =
        new ShadowRunner(
            candidate,
            labels,
            settings.topK(),
            settings.batchMaxSize(),
            shadowCapacity,
            engine.input().bytes());
    return new Classifier(engine, preprocessor, labels, settings, metrics, shadow);
  }

  private static void requireFits(InferenceEngine engine, Labels labels) {
    int classes = engine.model().classes();
    if (labels.size() != classes) {
      throw new IllegalArgumentException(
          "the labels name "
              + labels.size()
              + " classes but model "
              + engine.model().name()
              + " has "
              + classes
              + " classes; use the synset file of "
              + classes
              + " lines that belongs to the model (labels.path, or --labels for classify)");
    }
  }

  private static void requireSameInput(InferenceEngine engine, InferenceEngine other, String what) {
    if (!engine.input().equals(other.input())) {
      throw new IllegalArgumentException(
          "the "
              + what
              + " "
              + other.model().name()
              + " takes "
              + other.input()
              + " images but model "
              + engine.model().name()
              + " takes "
              + engine.input()
              + "; both must take the same input (both fused with the same --input-size, or"
              + " neither)");
    }
  }

  /**
   * Hands one encoded image over. The future completes with its labels or the reason it has none
   * ({@link Refused}); exceptionally with a fatal {@link InferenceException} when the engine cannot
   * be used any more. Cancel it to give the image up (it is then not run if not yet batched).
   */
  public CompletableFuture<ClassifyResult> submit(byte[] encoded) {
    return submit(encoded, null);
  }

  /**
   * As {@link #submit(byte[])}, and when this classifier has a shadow candidate and {@code shadow}
   * is not null, the image also runs through the candidate (or is skipped), reported to {@code
   * shadow}. The live result never waits for the shadow.
   */
  public CompletableFuture<ClassifyResult> submit(byte[] encoded, ShadowTicket shadow) {
    CompletableFuture<ClassifyResult> result = new CompletableFuture<>();
    ShadowTicket ticket = this.shadow == null ? null : shadow;
    long seq = scheduler.admit(result);
    try {
      decoders.execute(new Decode(seq, encoded, result, ticket));
    } catch (RejectedExecutionException e) {
      result.completeExceptionally(closed());
    }
    return result;
  }

  /** One image's decoding, queued for a decode thread. */
  private final class Decode implements Runnable {
    private final long seq;
    private final byte[] encoded;
    private final CompletableFuture<ClassifyResult> result;
    private final ShadowTicket shadow;

    Decode(
        long seq, byte[] encoded, CompletableFuture<ClassifyResult> result, ShadowTicket shadow) {
      this.seq = seq;
      this.encoded = encoded;
      this.result = result;
      this.shadow = shadow;
    }

    @Override
    public void run() {
      decode(seq, encoded, result, shadow);
    }
  }

  private void decode(
      long seq,
      byte[] encoded,
      CompletableFuture<ClassifyResult> result,
      ShadowTicket shadowTicket) {
    if (result.isDone()) {
      return;
    }
    ByteBuffer slot;
    try {
      slot = slots.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      result.completeExceptionally(closed());
      return;
    }
    long start = System.nanoTime();
    try {
      if (input.uint8()) {
        preprocessor.pixelsInto(encoded, slot, 0, input.height(), input.width());
      } else {
        preprocessor.preprocessInto(encoded, slot.asFloatBuffer(), 0);
      }
    } catch (ImageRejectedException e) {
      slots.release(slot);
      result.complete(new Refused(e.reason().code(), e));
      return;
    } catch (RuntimeException e) {
      slots.release(slot);
      result.completeExceptionally(e);
      return;
    }
    metrics.decoded(System.nanoTime() - start);
    scheduler.enqueue(seq, slot, result, shadowTicket);
  }

  /**
   * Runs the images submitted so far as soon as they are decoded, without waiting for a full batch
   * or {@code batch.max.delay.ms}: for a caller that has no more images coming (a backfill whose
   * range ended, a command line whose files are all submitted). Images submitted later batch as
   * usual.
   */
  public void flush() {
    scheduler.flush();
  }

  /** The engine new batches run on. */
  public InferenceEngine engine() {
    return scheduler.engine();
  }

  /**
   * Runs every image submitted from now on on {@code next}, an open engine; images submitted before
   * finish on the engine they were submitted to (this waits for them, whether still decoding,
   * queued or running), so no image is lost or run twice and, in each caller's submission order,
   * the engine changes once. Returns the engine replaced, no longer in use, for the caller to
   * close.
   *
   * @throws IllegalArgumentException when {@code next} has another number of classes than the
   *     labels name, or takes another input (fused or not, another size): the classifier keeps its
   *     engine
   */
  public InferenceEngine swap(InferenceEngine next) {
    requireFits(next, labels);
    requireSameInput(scheduler.engine(), next, "new model");
    return scheduler.swap(next);
  }

  /** The preprocessor the decode threads run, with its limits. */
  public ImagePreprocessor preprocessor() {
    return preprocessor;
  }

  /** The settings the classifier was started with. */
  public ClassifierSettings settings() {
    return settings;
  }

  /** The shadow candidate, when this classifier has one. */
  public Optional<InferenceEngine> shadowCandidate() {
    return Optional.ofNullable(shadow).map(ShadowRunner::candidate);
  }

  /**
   * Stops the decode threads, the scheduler and the shadow; images not yet run fail as closed. The
   * engines stay open.
   */
  @Override
  public void close() {
    for (Runnable queued : decoders.shutdownNow()) {
      ((Decode) queued).result.completeExceptionally(closed());
    }
    scheduler.close();
    if (shadow != null) {
      shadow.close();
    }
    try {
      decoders.awaitTermination(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static IllegalStateException closed() {
    return new IllegalStateException("the classifier is closed");
  }

  private static ThreadFactory daemons(String prefix) {
    AtomicInteger next = new AtomicInteger();
    return task -> {
      Thread thread = new Thread(task, prefix + next.getAndIncrement());
      thread.setDaemon(true);
      return thread;
    };
  }
}
