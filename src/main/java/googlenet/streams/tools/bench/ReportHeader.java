package googlenet.streams.tools.bench;

import googlenet.streams.config.GnsKeys;
import googlenet.streams.inference.EngineConfig;
import googlenet.streams.inference.InferenceException;
import googlenet.streams.inference.OnnxInferenceEngine;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.streams.StreamsConfig;

/** Builds the report {@link Header}. */
final class ReportHeader {
  private ReportHeader() {}

  static Header of(
      BenchSettings s,
      OnnxInferenceEngine engine,
      BenchImages images,
      String loadStart,
      String startedAt,
      long startNanos,
      String warmUp)
      throws InferenceException {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("run", s.quick() ? "quick" : "full");
    if (warmUp != null) {
      settings.put("warm-up", warmUp);
    }
    settings.put("images per figure", Integer.toString(s.images()));
    settings.put(
        "images",
        images.distinct()
            + " distinct JPEGs "
            + images.width()
            + "x"
            + images.height()
            + ", mean "
            + images.meanBytes() / 1024
            + " KB");
    settings.put(
        "ORT intra-op threads",
        s.intraOpThreads() == 0 ? "0 (ORT default: one per core)" : "" + s.intraOpThreads());
    settings.put(
        "stream threads (and stage-2 workers, consumer-loop threads)",
        Integer.toString(s.streamThreads()));
    settings.put("input partitions", Integer.toString(s.partitions()));
    settings.put("default batch.max.size", Integer.toString(s.defaultBatch()));
    settings.put("batch.max.delay.ms", Long.toString(s.batchDelayMs()));
    if (!s.keys().containsKey(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG)) {
      settings.put(
          StreamsConfig.COMMIT_INTERVAL_MS_CONFIG,
          "the service's default (1000 exactly-once, with a commit requested after results at"
              + " most every result.commit.interval.ms, 100; Kafka Streams' 30000 at-least-once)");
    }
    if (!s.keys().containsKey(GnsKeys.INTRA_OP_SPINNING)) {
      settings.put(GnsKeys.INTRA_OP_SPINNING, "false (the service's default)");
    }
    if (!s.keys().containsKey(GnsKeys.INTRA_OP_DYNAMIC_BLOCK_BASE)) {
      settings.put(
          GnsKeys.INTRA_OP_DYNAMIC_BLOCK_BASE,
          EngineConfig.DEFAULT_DYNAMIC_BLOCK_BASE + " (the service's default)");
    }
    new TreeMap<>(s.keys()).forEach((k, v) -> settings.put("--set " + k, v));
    settings.put("preprocess", "caffe-bgr");
    return new Header(
        engine.model().name(),
        s.model(),
        engine.model().sha256(),
        engine.model().fixedBatch() ? "fixed (1)" : "dynamic",
        Machine.cores(),
        Machine.cpuModel(),
        Machine.jvm(),
        OnnxInferenceEngine.runtimeVersion(),
        kafkaVersion(),
        engine.provider(),
        settings,
        loadStart,
        Machine.loadAverage(),
        startedAt,
        (System.nanoTime() - startNanos) / 1e9);
  }

  /** The kafka-clients version from its kafka/kafka-version.properties. */
  static String kafkaVersion() {
    try (InputStream in =
        KafkaProducer.class.getResourceAsStream("/kafka/kafka-version.properties")) {
      Properties p = new Properties();
      if (in != null) {
        p.load(in);
      }
      return p.getProperty("version", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }
}
