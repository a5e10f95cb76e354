package googlenet.streams.tools.bench;

import googlenet.streams.config.GnsConfig;
import googlenet.streams.inference.SchedulerMetrics;
import googlenet.streams.service.Pipeline;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stage 5: the default pipeline on a fresh input topic, fed by a paced producer at a fixed offered
 * load; a third of the time warms up, the rest is measured. Bounded: the results are awaited within
 * {@link Bounds} at the offered rate, and the figure counts those that came.
 *
 * @param kafka the broker, engine, images and settings the stages share
 */
record LatencyStage(KafkaContext kafka) {
  private static final Logger LOG = LoggerFactory.getLogger(LatencyStage.class);
  private static final int STARTUP_IMAGES = 2;

  /** Latency at {@code fraction} of the pipeline's maximum, offered as {@code perSecond}. */
  Latency measure(double fraction, double perSecond) {
    String id = "latency-" + Math.round(fraction * 100);
    String input = "bench-in-" + id;
    BenchSettings settings = kafka.settings();
    kafka.broker().createTopics(settings.partitions(), input);
    GnsConfig config =
        kafka.config(Variant.of(settings.defaultBatch(), true, true), input, "bench-out-" + id);
    long warm = STARTUP_IMAGES + Math.max(1, Math.round(perSecond * settings.latencySeconds() / 3));
    long measured = Math.max(2, Math.round(perSecond * settings.latencySeconds()));
    int total = (int) (warm + measured);
    LOG.info("bench {}: {} images at {} images/s", id, total, String.format("%.1f", perSecond));
    String bootstrap = kafka.broker().bootstrapServers();
    try (Pipeline pipeline = kafka.pipeline(config, SchedulerMetrics.NONE);
        ResultReader reader = ResultReader.start(bootstrap, config.outputTopic(), total, null);
        StreamsRun run = kafka.startDefault(config, pipeline, total);
        ImageFeed feed = new ImageFeed(bootstrap, kafka.images(), true)) {
      // The group joins and transactions start before the paced load, or they would queue it.
      feed.sendAll(input, 0, STARTUP_IMAGES);
      reader.await(STARTUP_IMAGES, Bounds.forRate(STARTUP_IMAGES, perSecond));
      feed.sendPaced(input, STARTUP_IMAGES, total, perSecond);
      reader.await(total, Bounds.forRate(total, perSecond));
      long[] span = reader.arrivalSpan(warm, total);
      long[] sorted = reader.latencies(warm, total);
      double delivered =
          span == null || span[1] == span[0]
              ? 0
              : (sorted.length - 1) / ((span[1] - span[0]) / 1e9);
      return Latency.of(id, fraction, perSecond, delivered, measured, sorted);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted during " + id, e);
    }
  }
}
