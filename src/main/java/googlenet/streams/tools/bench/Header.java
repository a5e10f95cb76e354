package googlenet.streams.tools.bench;

import java.util.Map;

/**
 * What a reader needs to interpret the figures: model, machine, versions, settings.
 *
 * @param model model name as the engine reports it
 * @param modelSpec what was asked for: synthetic, synthetic-small or a file
 * @param modelSha256 SHA-256 of the model file
 * @param modelBatch {@code dynamic} or {@code fixed (1)}
 * @param cores processors available to the JVM
 * @param cpuModel CPU model name
 * @param jvm JVM vendor, name and version
 * @param onnxRuntime ONNX Runtime version
 * @param kafka Kafka clients / Streams / broker version
 * @param executionProvider provider the engine runs on
 * @param settings run settings (images, image size, threads, partitions, batching ...)
 * @param loadAverageStart 1/5/15 minute load averages when the run started
 * @param loadAverageEnd the same when it ended
 * @param startedAt ISO-8601 start time (UTC)
 * @param durationSeconds wall time of the whole run
 */
public record Header(
    String model,
    String modelSpec,
    String modelSha256,
    String modelBatch,
    int cores,
    String cpuModel,
    String jvm,
    String onnxRuntime,
    String kafka,
    String executionProvider,
    Map<String, String> settings,
    String loadAverageStart,
    String loadAverageEnd,
    String startedAt,
    double durationSeconds) {

  /** Copies the settings. */
  public Header {
    settings = Map.copyOf(settings);
  }
}
