package googlenet.streams.tools.bench;

import googlenet.streams.config.GnsConfig;
import googlenet.streams.service.Pipeline;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The steady part of a soak: the default pipeline on a fresh input topic, a paced producer at a
 * fixed rate for the run's length, and a sample of memory, GC and the interval's results every
 * interval; every {@link SoakSettings#fullGcSeconds} a full collection before the sample reads the
 * live heap (G1 leaves promoted garbage in the old generation until a concurrent cycle, which may
 * be hours away: without it a rising heap after GC cannot be told from a leak). Waits for the last
 * results within {@link Bounds}.
 *
 * @param kafka the broker, engine, images and settings
 * @param settings the soak's length and interval
 * @param progress receives a line per sample
 */
record SoakRun(KafkaContext kafka, SoakSettings settings, PrintWriter progress) {
  private static final int STARTUP_IMAGES = 2;
  private static final String INPUT = "soak-in";
  private static final String OUTPUT = "soak-out";

  /**
   * What the steady run produced.
   *
   * @param samples one per full interval while the load ran
   * @param sent images sent
   * @param received distinct results read
   * @param duplicates results read twice
   * @param results {@code received/sent} and why the wait ended early, if it did
   */
  record Outcome(
      List<SoakSample> samples, long sent, long received, long duplicates, String results) {}

  /** Offers {@code perSecond} images per second for the run's length, sampling as it goes. */
  Outcome run(double perSecond) {
    BenchSettings bench = kafka.settings();
    kafka.broker().createTopics(bench.partitions(), INPUT);
    GnsConfig config = kafka.config(Variant.of(bench.defaultBatch(), true, true), INPUT, OUTPUT);
    long paced = Math.max(1, Math.round(perSecond * settings.minutes() * 60));
    long total = STARTUP_IMAGES + paced;
    if (total > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("a soak of " + total + " images is too long to track");
    }
    String bootstrap = kafka.broker().bootstrapServers();
    DecodeCpu decode = new DecodeCpu();
    try (Pipeline pipeline = kafka.pipeline(config, decode);
        ResultReader reader = ResultReader.start(bootstrap, OUTPUT, (int) total, null);
        StreamsRun run = kafka.startDefault(config, pipeline, (int) total);
        ImageFeed feed = new ImageFeed(bootstrap, kafka.images(), true)) {
      feed.sendAll(INPUT, 0, STARTUP_IMAGES);
      reader.await(STARTUP_IMAGES, Bounds.forRate(STARTUP_IMAGES, perSecond));
      CompletableFuture<Void> load =
          CompletableFuture.runAsync(
              () -> feed.sendPaced(INPUT, STARTUP_IMAGES, total, perSecond), daemonExecutor());
      List<SoakSample> samples = sample(load, reader, feed, decode);
      finish(load);
      long backlog = Math.max(1, total - reader.unique());
      Bounds.Outcome got = reader.await(total, Bounds.forRate(backlog, perSecond));
      return new Outcome(
          samples,
          total,
          reader.unique(),
          reader.duplicates(),
          got.results(reader.unique(), total));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted during the soak", e);
    }
  }

  /** Samples at every full interval until the paced load is done. */
  private List<SoakSample> sample(
      CompletableFuture<Void> load, ResultReader reader, ImageFeed feed, DecodeCpu decode)
      throws InterruptedException {
    List<SoakSample> samples = new ArrayList<>();
    long intervalNanos = (long) (settings.intervalSeconds() * 1e9);
    long start = System.nanoTime();
    long previousNanos = start;
    long fullGcNanos = (long) (settings.fullGcSeconds() * 1e9);
    long lastFullGc = start;
    ProcessMemory previous = ProcessMemory.now();
    CpuSample previousCpu = CpuSample.now(decode);
    for (long tick = start + intervalNanos; ; tick += intervalNanos) {
      if (waitUntil(load, tick)) {
        return samples;
      }
      boolean fullGc = fullGcNanos > 0 && tick - lastFullGc >= fullGcNanos;
      if (fullGc) {
        System.gc();
        lastFullGc = tick;
      }
      long now = System.nanoTime();
      ProcessMemory memory = ProcessMemory.now();
      CpuSample cpu = CpuSample.now(decode);
      long[] latencies = reader.latenciesArrived(previousNanos, now);
      SoakSample s =
          SoakSample.of(
              (now - start) / 1e9,
              (now - previousNanos) / 1e9,
              previous,
              memory,
              previousCpu,
              cpu,
              fullGc,
              latencies,
              Math.max(0, feed.sent() - reader.unique()));
      samples.add(s);
      say(s);
      previous = memory;
      previousCpu = cpu;
      previousNanos = now;
    }
  }

  /** Waits until {@code tick}; true when the load finished first. */
  private static boolean waitUntil(CompletableFuture<Void> load, long tick)
      throws InterruptedException {
    long wait = tick - System.nanoTime();
    if (wait <= 0) {
      return load.isDone();
    }
    try {
      load.get(wait, TimeUnit.NANOSECONDS);
      return true;
    } catch (TimeoutException e) {
      return false;
    } catch (ExecutionException e) {
      return true;
    }
  }

  private static void finish(CompletableFuture<Void> load) throws InterruptedException {
    try {
      load.get();
    } catch (ExecutionException e) {
      throw new IllegalStateException("the paced producer failed: " + e.getCause(), e.getCause());
    }
  }

  private static java.util.concurrent.Executor daemonExecutor() {
    return task -> {
      Thread t = new Thread(task, "soak-feed");
      t.setDaemon(true);
      t.start();
    };
  }

  private static String oneDecimal(Double v) {
    return v == null ? "-" : String.format(Locale.ROOT, "%.1f", v);
  }

  private void say(SoakSample s) {
    progress.println(
        String.format(
            Locale.ROOT,
            "soak %6.0f s: %6.1f images/s, CPU %s ms/image (inference %s, broker %s, decode %s, JIT %s),"
                + " p99 %6s ms,"
                + " RSS %6.0f MB, heap after GC %5.0f MB%s, direct %4.0f MB, native %6.0f MB, GC"
                + " %4.0f ms, backlog %d, load %.1f",
            s.seconds(),
            s.imagesPerSecond(),
            oneDecimal(s.cpuMsPerImage()),
            oneDecimal(s.inferenceMsPerImage()),
            oneDecimal(s.brokerMsPerImage()),
            oneDecimal(s.decodeMsPerImage()),
            oneDecimal(s.jitMsPerImage()),
            s.p99Ms() == null ? "-" : String.format(Locale.ROOT, "%.0f", s.p99Ms()),
            s.rssMb(),
            s.heapAfterGcMb(),
            s.heapLiveMb() == null
                ? ""
                : String.format(Locale.ROOT, " (live after full GC %.0f MB)", s.heapLiveMb()),
            s.directMb(),
            s.nativeMb(),
            s.gcPauseMs(),
            s.backlog(),
            s.loadAverage()));
    progress.flush();
  }
}
