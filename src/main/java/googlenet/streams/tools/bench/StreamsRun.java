package googlenet.streams.tools.bench;

import googlenet.streams.config.GnsConfig;
import googlenet.streams.ops.ServiceOps;
import googlenet.streams.service.StreamsRunner;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;

/**
 * A started Kafka Streams instance of the bench, closed (and its local state wiped) on close; it
 * reports the bytes its changelog topics hold per image.
 *
 * @param runner the instance
 * @param ops its operations (metrics off)
 * @param logDir the in-JVM broker's log directory
 * @param applicationId the application, whose changelog topics are counted
 * @param images images of the run, to count changelog bytes per image
 */
record StreamsRun(
    StreamsRunner runner, ServiceOps ops, Path logDir, String applicationId, int images)
    implements MeasuredRun {
  private static final Duration CLOSE = Duration.ofSeconds(30);

  /** Starts {@code topology} with {@code config}. */
  static StreamsRun start(Topology topology, GnsConfig config, Path logDir, int images) {
    ServiceOps ops = ServiceOps.create(config);
    StreamsRunner runner =
        new StreamsRunner(
            topology,
            config.streamsProperties(),
            "bench",
            config.inputTopic(),
            "input.topic",
            ops,
            Optional.empty());
    runner.start();
    String id = config.streamsProperties().getProperty(StreamsConfig.APPLICATION_ID_CONFIG);
    return new StreamsRun(runner, ops, logDir, id, images);
  }

  /**
   * Closes the instance, leaving the group: nothing takes a figure's tasks back. A run whose last
   * result comes before its start-up rebalance has ended (a quick figure can) would otherwise keep
   * a stream thread polling in a tight loop, waiting for that rebalance to end, until the members
   * that closed without leaving time out of the group: the close timed out after 30 s and that
   * thread took a core through the next figures (seen with jstack: 14.5 s of CPU in 17.5 s).
   */
  @Override
  public void close() {
    if (runner.state() != KafkaStreams.State.NOT_RUNNING && runner.close(CLOSE, true)) {
      runner.cleanUp(); // only once stopped: Kafka Streams refuses to wipe a running instance
    }
    ops.close();
  }

  @Override
  public Map<String, String> settings() {
    long changelog = ChangelogBytes.of(logDir, applicationId);
    return changelog < 0
        ? Map.of()
        : Map.of(
            "changelog KB/image",
            String.format(Locale.ROOT, "%.1f", changelog / 1024.0 / Math.max(1, images)));
  }
}
