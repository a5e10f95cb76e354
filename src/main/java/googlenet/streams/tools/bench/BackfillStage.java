package googlenet.streams.tools.bench;

import googlenet.streams.backfill.Backfill;
import googlenet.streams.backfill.BackfillException;
import googlenet.streams.backfill.BackfillRequest;
import googlenet.streams.backfill.BackfillSummary;
import googlenet.streams.backfill.TimeBound;
import googlenet.streams.config.GnsConfig;
import googlenet.streams.config.GnsKeys;
import googlenet.streams.inference.InferenceEngine;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Stage 6 through the backfill command's in-process entry point ({@link Backfill#run}): the whole
 * pre-produced input topic (earliest to now) with the backfill's own defaults (batch {@value
 * BackfillRequest#DEFAULT_BATCH_SIZE}, exactly-once). Its results are read back like the
 * pipeline's, so the figure is the same steady window; the backfill's own summary (start to close)
 * is kept as a setting.
 */
final class BackfillStage implements BackfillProbe {
  private final String model;
  private final int streamThreads;

  BackfillStage(String model, int streamThreads) {
    this.model = model;
    this.streamThreads = streamThreads;
  }

  @Override
  public Optional<Throughput> measure(
      String bootstrap,
      InferenceEngine engine,
      String inputTopic,
      String outputTopic,
      int images,
      Path stateDir) {
    BackfillRequest request =
        BackfillRequest.of("bench", inputTopic, outputTopic, TimeBound.earliest(), TimeBound.now())
            .withRestart(true);
    GnsConfig base =
        GnsConfig.fromMap(
            Map.of(
                StreamsConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                StreamsConfig.STATE_DIR_CONFIG,
                stateDir.toString(),
                StreamsConfig.NUM_STREAM_THREADS_CONFIG,
                Integer.toString(streamThreads),
                GnsKeys.MODEL_PATH,
                model));
    try (ResultReader reader = ResultReader.start(bootstrap, outputTopic, images)) {
      BackfillSummary summary = Backfill.run(request, base, engine, progress -> {});
      boolean all = reader.await(images, Duration.ofSeconds(30));
      long[] window = reader.steadyWindow(0.1);
      Map<String, String> s = new LinkedHashMap<>();
      s.put("batch.max.size", Integer.toString(request.batchSize()));
      s.put("batch.max.delay.ms", Long.toString(request.batchDelay().toMillis()));
      s.put("processing.guarantee", "exactly_once_v2");
      s.put("results", reader.unique() + "/" + images + (all ? "" : " (timed out)"));
      s.put("duplicates", Long.toString(reader.duplicates()));
      s.put(
          "backfill summary",
          String.format(
              java.util.Locale.ROOT,
              "%d images in %.1f s, start to close",
              summary.images(),
              summary.duration().toMillis() / 1000.0));
      return Optional.of(
          Throughput.ofWindow(
              "backfill",
              6,
              "backfill of the whole input topic (Backfill.run), exactly-once, batch "
                  + request.batchSize(),
              window,
              s));
    } catch (BackfillException e) {
      throw new IllegalStateException("the backfill failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted during the backfill", e);
    }
  }
}
