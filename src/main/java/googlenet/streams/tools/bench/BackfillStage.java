package googlenet.streams.tools.bench;

import googlenet.streams.backfill.Backfill;
import googlenet.streams.backfill.BackfillException;
import googlenet.streams.backfill.BackfillRequest;
import googlenet.streams.backfill.BackfillSummary;
import googlenet.streams.backfill.TimeBound;
import googlenet.streams.config.GnsConfig;
import googlenet.streams.config.GnsKeys;
import googlenet.streams.tools.bench.BenchSettings.Stage;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Stage 6 through the backfill command's in-process entry point ({@link Backfill#run}): the whole
 * pre-produced input topic (earliest to now) with the backfill's own defaults (batch {@value
 * BackfillRequest#DEFAULT_BATCH_SIZE}, exactly-once). Its results are read back like the
 * pipeline's, so the figure is the same steady window; the backfill's own summary (start to close)
 * is kept as a setting. The backfill runs on a thread of its own: when its results do not all come
 * within {@link Bounds}, it is interrupted (it then closes its streams instance) and the figure
 * says how many came. The decode threads' share is not measured: {@code Backfill.run} takes no
 * scheduler metrics.
 *
 * @param kafka the broker, engine, images and settings the stages share
 */
record BackfillStage(KafkaContext kafka) {
  /** How long the backfill may take to close once its results are in (or it was interrupted). */
  private static final Duration FINISH = Duration.ofSeconds(120);

  /**
   * The backfill's results become readable only at its commits ({@link
   * Backfill#COMMIT_INTERVAL_MS}), so its figure moves in steps of a commit; it is measured over at
   * least this many commit intervals of work at the expected rate.
   */
  static final int MIN_COMMITS = 5;

  /**
   * Images to backfill: {@code images}, or more when those would take the backfill fewer than
   * {@link #MIN_COMMITS} commit intervals at {@code expectedPerSecond}. On the quick run (400
   * images at a ceiling of about 400 images/s) the whole steady window was about one second, one
   * commit, and the figure moved by a third between runs with the same settings.
   */
  static int images(int images, double expectedPerSecond) {
    double seconds = MIN_COMMITS * Backfill.COMMIT_INTERVAL_MS / 1000.0;
    return (int) Math.max(images, Math.ceil(expectedPerSecond * seconds));
  }

  /** Backfills images 0..n-1 of {@code input} into {@code output} (created here). */
  Throughput measure(String input, String output, int n, double expectedPerSecond) {
    kafka.broker().createTopics(kafka.settings().partitions(), output, output + ".dlq");
    BackfillRequest request =
        BackfillRequest.of("bench", input, output, TimeBound.earliest(), TimeBound.now())
            .withRestart(true);
    String bootstrap = kafka.broker().bootstrapServers();
    AtomicReference<Object> ended = new AtomicReference<>();
    Thread backfill = new Thread(() -> ended.set(run(request, bootstrap)), "bench-backfill");
    backfill.setDaemon(true);
    try (ResultReader reader = ResultReader.start(bootstrap, output, n, null)) {
      backfill.start();
      Bounds.Outcome got = reader.await(n, Bounds.forRate(n, expectedPerSecond));
      Window window = reader.steadyWindow(0.1);
      if (!got.all()) {
        backfill.interrupt();
      }
      backfill.join(FINISH.toMillis());
      Map<String, String> s = new LinkedHashMap<>();
      s.put("batch.max.size", Integer.toString(request.batchSize()));
      s.put("batch.max.delay.ms", Long.toString(request.batchDelay().toMillis()));
      s.put("processing.guarantee", "exactly_once_v2");
      s.put("results", got.results(reader.unique(), n));
      s.put("duplicates", Long.toString(reader.duplicates()));
      s.put("backfill summary", summary(ended.get()));
      return Throughput.ofWindow(
          "backfill",
          Stage.BACKFILL.number(),
          "backfill of the whole input topic (Backfill.run), exactly-once, batch "
              + request.batchSize(),
          request.batchSize(),
          window,
          s);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted during the backfill", e);
    }
  }

  /** The summary, or the failure's message. */
  private Object run(BackfillRequest request, String bootstrap) {
    Map<String, String> keys = new HashMap<>(kafka.settings().keys());
    keys.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    keys.put(StreamsConfig.STATE_DIR_CONFIG, kafka.stateDir().toString());
    keys.put(
        StreamsConfig.NUM_STREAM_THREADS_CONFIG,
        Integer.toString(kafka.settings().streamThreads()));
    keys.put(GnsKeys.MODEL_PATH, kafka.settings().model());
    GnsConfig base = GnsConfig.fromMap(keys);
    try {
      return Backfill.run(request, base, kafka.engine(), progress -> {});
    } catch (BackfillException | RuntimeException e) {
      return "failed: " + e.getMessage();
    }
  }

  private static String summary(Object ended) {
    if (ended instanceof BackfillSummary summary) {
      return String.format(
          Locale.ROOT,
          "%d images in %.1f s, start to close",
          summary.images(),
          summary.duration().toMillis() / 1000.0);
    }
    return ended == null ? "still running " + FINISH.toSeconds() + " s later" : ended.toString();
  }
}
