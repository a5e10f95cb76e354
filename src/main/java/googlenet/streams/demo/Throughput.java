package googlenet.streams.demo;

import googlenet.streams.broker.EmbeddedKafkaBroker;
import googlenet.streams.config.GnsConfig;
import googlenet.streams.image.ImagePreprocessor;
import googlenet.streams.image.ImageRejectedException;
import googlenet.streams.image.SampleImages;
import googlenet.streams.inference.InferenceEngine;
import googlenet.streams.inference.InferenceException;
import googlenet.streams.model.ModelSource;
import googlenet.streams.service.ClassificationService;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Measures, in one run and with one engine (same model, same threads): raw engine images/s ({@code
 * engine.run} alone on preprocessed tensors), preprocessing images/s, and end-to-end images/s
 * through an in-JVM broker with the configured guarantee (exactly-once by default).
 */
public final class Throughput {
  private final ThroughputSettings settings;
  private final PrintWriter out;

  /** A measurement printing to {@code out}. */
  public Throughput(ThroughputSettings settings, PrintWriter out) {
    this.settings = settings;
    this.out = out;
  }

  /** Runs the measurement; returns 0, or 1 when some image was not classified in time. */
  public int run() throws Exception {
    List<SampleInput> inputs = pictures();
    Path model = ModelSource.resolve(settings.modelSpec());
    Path stateDir = Files.createTempDirectory("gns-measure-");
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start()) {
      broker.createTopics(settings.partitions(), Demo.INPUT, Demo.OUTPUT);
      broker.createTopics(1, Demo.DLQ);
      GnsConfig config = GnsConfig.fromMap(config(broker, model, stateDir));
      try (ClassificationService service = ClassificationService.create(config)) {
        return measure(service, config, broker, inputs);
      }
    }
  }

  private int measure(
      ClassificationService service,
      GnsConfig config,
      EmbeddedKafkaBroker broker,
      List<SampleInput> inputs)
      throws Exception {
    ImagePreprocessor preprocessor =
        new ImagePreprocessor(config.preprocessProfile(), config.imageLimits());
    long prepStart = System.nanoTime();
    List<float[]> tensors = preprocess(preprocessor, inputs);
    double prepRate = inputs.size() / seconds(prepStart);
    double rawBefore = rawEngine(service.engine(), tensors, config.batchMaxSize());
    SampleProducer.send(broker.bootstrapServers(), Demo.INPUT, inputs);
    service.start();
    awaitRunning(service);
    long start = System.nanoTime();
    Set<String> keys = inputs.stream().map(SampleInput::id).collect(Collectors.toSet());
    PipelineOutputs outputs =
        OutputCollector.collect(
            broker.bootstrapServers(),
            Demo.OUTPUT,
            Demo.DLQ,
            keys,
            Duration.ofMinutes(10),
            Duration.ZERO);
    double endToEnd = outputs.results().size() / seconds(start);
    double rawAfter = rawEngine(service.engine(), tensors, config.batchMaxSize());
    report(config, service.engine(), prepRate, rawBefore, rawAfter, endToEnd, outputs);
    return outputs.missing().isEmpty() ? 0 : 1;
  }

  private Map<String, String> config(EmbeddedKafkaBroker broker, Path model, Path stateDir) {
    Map<String, String> props = new java.util.HashMap<>(settings.extraConfig());
    props.put("bootstrap.servers", broker.bootstrapServers());
    props.put("application.id", "gns-measure");
    props.put("state.dir", stateDir.toString());
    props.put("metrics.port", "0"); // any free port: never collides with a running service
    props.put("input.topic", Demo.INPUT);
    props.put("output.topic", Demo.OUTPUT);
    props.put("dlq.topic", Demo.DLQ);
    props.put("model.path", model.toString());
    return props;
  }

  private List<SampleInput> pictures() {
    List<SampleInput> inputs = new ArrayList<>(settings.images());
    for (int i = 0; i < settings.images(); i++) {
      byte[] jpeg = SampleImages.jpeg(settings.width(), settings.height(), i);
      inputs.add(
          new SampleInput(
              String.format(Locale.ROOT, "m-%05d.jpg", i), jpeg, "image/jpeg", false, null));
    }
    return inputs;
  }

  private static List<float[]> preprocess(ImagePreprocessor preprocessor, List<SampleInput> inputs)
      throws ImageRejectedException {
    List<float[]> tensors = new ArrayList<>(inputs.size());
    for (SampleInput in : inputs) {
      tensors.add(preprocessor.preprocess(in.bytes()));
    }
    return tensors;
  }

  /** Images/s of engine.run alone, in batches of {@code batch}, over every tensor once. */
  static double rawEngine(InferenceEngine engine, List<float[]> tensors, int batch)
      throws InferenceException {
    FloatBuffer buffer =
        ByteBuffer.allocateDirect(batch * ImagePreprocessor.TENSOR_FLOATS * Float.BYTES)
            .order(ByteOrder.nativeOrder())
            .asFloatBuffer();
    long runNanos = 0;
    for (int i = 0; i < tensors.size(); i += batch) {
      int n = Math.min(batch, tensors.size() - i);
      buffer.clear();
      for (int j = 0; j < n; j++) {
        buffer.put(tensors.get(i + j));
      }
      buffer.rewind();
      long start = System.nanoTime();
      engine.run(buffer, n);
      runNanos += System.nanoTime() - start;
    }
    return tensors.size() / (runNanos / 1e9);
  }

  private static void awaitRunning(ClassificationService service) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (service.state() != KafkaStreams.State.RUNNING && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
  }

  private void report(
      GnsConfig config,
      InferenceEngine engine,
      double prep,
      double rawBefore,
      double rawAfter,
      double endToEnd,
      PipelineOutputs outputs) {
    double raw = (rawBefore + rawAfter) / 2;
    out.printf(
        Locale.ROOT,
        "Throughput: %d JPEG images %dx%d, model %s, provider %s, batch.max.size %d,"
            + " %s, %d cores, intra-op threads %s%n",
        settings.images(),
        settings.width(),
        settings.height(),
        engine.model().name(),
        engine.provider(),
        config.batchMaxSize(),
        config.exactlyOnce() ? "exactly_once_v2" : "at_least_once",
        Runtime.getRuntime().availableProcessors(),
        config.redacted().get("intra.op.threads"));
    out.printf(
        Locale.ROOT,
        "  raw engine (engine.run only)     %8.1f images/s (%.1f before, %.1f after)%n",
        raw,
        rawBefore,
        rawAfter);
    out.printf(Locale.ROOT, "  preprocessing alone (1 thread)   %8.1f images/s%n", prep);
    out.printf(
        Locale.ROOT,
        "  end to end (broker, pipeline)    %8.1f images/s = %.0f%% of raw engine%n",
        endToEnd,
        100 * endToEnd / raw);
    out.printf(
        Locale.ROOT,
        "  classified %d, dead-lettered %d, missing %d%n",
        outputs.results().size(),
        outputs.deadLetters().size(),
        outputs.missing().size());
    out.flush();
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }
}
