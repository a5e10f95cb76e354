package googlenet.streams.service;

import googlenet.streams.config.GnsConfig;
import googlenet.streams.inference.Classifier;
import googlenet.streams.inference.InferenceEngine;
import googlenet.streams.inference.InferenceException;
import googlenet.streams.inference.OnnxInferenceEngine;
import googlenet.streams.model.Checksums;
import googlenet.streams.ops.ServiceOps;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the file {@code model.path} names and switches the classifier to a new model without a
 * restart. Every {@code model.watch.interval.ms} it looks at the file's size and modification time;
 * once they have stopped changing and its SHA-256 differs from the model serving, the new model is
 * opened and warmed up beside the old one and swapped in between batches (no image lost or run
 * twice; each result names the model that produced it); the old engine closes once its runs in
 * flight are done. A model that cannot be loaded or does not fit the labels is refused, logged,
 * counted and noted on the health endpoint, and the old one keeps serving; the same file is not
 * tried again until it changes.
 *
 * <p>Why the configured file and not "a new file beside it": the configuration names one model, and
 * replacing that file (atomically, by a rename, as Kubernetes updates a mounted volume) is how such
 * deployments change what a path points at; a watched directory would need naming rules.
 */
final class ModelWatcher implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ModelWatcher.class);

  private final GnsConfig config;
  private final Path file;
  private final Classifier classifier;
  private final ServiceOps ops;
  private final ScheduledExecutorService timer;
  private Stamp seen;
  private String refusedSha256;

  /** Size and modification time: what tells a file that is still being written. */
  private record Stamp(long size, long modified) {
    static Stamp of(Path file) throws IOException {
      return new Stamp(Files.size(file), Files.getLastModifiedTime(file).toMillis());
    }
  }

  private ModelWatcher(GnsConfig config, Path file, Classifier classifier, ServiceOps ops) {
    this.config = config;
    this.file = file;
    this.classifier = classifier;
    this.ops = ops;
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "gns-model-watcher");
              t.setDaemon(true);
              return t;
            });
  }

  /**
   * Starts watching {@code file} every {@code interval}.
   *
   * @param file the model file the service was started with
   */
  static ModelWatcher start(
      GnsConfig config, Path file, Duration interval, Classifier classifier, ServiceOps ops) {
    ModelWatcher watcher = new ModelWatcher(config, file, classifier, ops);
    watcher.seen = watcher.stampOrNull();
    long ms = interval.toMillis();
    watcher.timer.scheduleWithFixedDelay(watcher::check, ms, ms, TimeUnit.MILLISECONDS);
    LOG.info("watching {} for a new model every {} ms", file, ms);
    return watcher;
  }

  /** One look at the file; swaps when it holds a new, stable model. */
  void check() {
    Stamp now = stampOrNull();
    if (now == null || !now.equals(seen)) {
      seen = now; // missing, or still changing: look again next time
      return;
    }
    try {
      String sha256 = Checksums.sha256(file);
      if (!sha256.equals(classifier.engine().model().sha256()) && !sha256.equals(refusedSha256)) {
        swapTo(sha256);
      }
    } catch (IOException e) {
      LOG.warn("cannot read {} to look for a new model: {}", file, e.getMessage());
    } catch (RuntimeException e) {
      LOG.error("checking {} for a new model failed", file, e);
    }
  }

  private void swapTo(String sha256) {
    InferenceEngine next;
    try {
      next = OnnxInferenceEngine.open(Pipeline.engineConfig(config, file));
    } catch (InferenceException e) {
      refuse(sha256, "cannot load it: " + e.getMessage());
      return;
    }
    InferenceEngine previous;
    try {
      previous = classifier.swap(next);
    } catch (IllegalArgumentException e) {
      next.close();
      refuse(sha256, e.getMessage());
      return;
    }
    refusedSha256 = null;
    ops.modelSwitched(next);
    LOG.info(
        "switched model from {} version {} to {} version {} (sha256 {}) without a restart",
        previous.model().name(),
        previous.model().version(),
        next.model().name(),
        next.model().version(),
        next.model().sha256());
    previous.close();
  }

  private void refuse(String sha256, String reason) {
    refusedSha256 = sha256;
    String message = file + " (sha256 " + sha256 + ") " + reason;
    LOG.warn("new model refused, the old one keeps serving: {}", message);
    ops.modelRefused(message);
  }

  private Stamp stampOrNull() {
    try {
      return Stamp.of(file);
    } catch (IOException e) {
      return null;
    }
  }

  /** Stops watching; a swap in progress finishes first. */
  @Override
  public void close() {
    timer.shutdown();
    try {
      timer.awaitTermination(60, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public String toString() {
    return "ModelWatcher[" + Objects.toString(file) + "]";
  }
}
