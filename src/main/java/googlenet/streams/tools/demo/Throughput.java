package googlenet.streams.tools.demo;

import googlenet.streams.config.GnsConfig;
import googlenet.streams.image.ImagePreprocessor;
import googlenet.streams.image.ImageRejectedException;
import googlenet.streams.inference.InferenceEngine;
import googlenet.streams.inference.InferenceException;
import googlenet.streams.model.ModelSource;
import googlenet.streams.service.ClassificationService;
import googlenet.streams.tools.broker.EmbeddedKafkaBroker;
import googlenet.streams.tools.fixtures.SampleImages;
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
        new ImagePreprocessor(
            config.preprocessProfile(), config.imageLimits(), config.imageDecoder());
    Phase prep = Phase.start();
    List<float[]> tensors = preprocess(preprocessor, inputs);
    Rate prepRate = prep.end(inputs.size());
    Rate rawBefore = rawEngine(service.engine(), tensors, config.batchMaxSize());
    SampleProducer.send(broker.bootstrapServers(), Demo.INPUT, inputs);
    service.start();
    awaitRunning(service);
    Phase e2e = Phase.start();
    Set<String> keys = inputs.stream().map(SampleInput::id).collect(Collectors.toSet());
    PipelineOutputs outputs =
        OutputCollector.collect(
            broker.bootstrapServers(),
            Demo.OUTPUT,
            Demo.DLQ,
            keys,
            Duration.ofMinutes(10),
            Duration.ZERO);
    Rate endToEnd = e2e.end(outputs.results().size());
    Rate rawAfter = rawEngine(service.engine(), tensors, config.batchMaxSize());
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

  /** Images/s and CPU of engine.run alone, in batches of {@code batch}, over every tensor once. */
  static Rate rawEngine(InferenceEngine engine, List<float[]> tensors, int batch)
      throws InferenceException {
    FloatBuffer buffer =
        ByteBuffer.allocateDirect(batch * ImagePreprocessor.TENSOR_FLOATS * Float.BYTES)
            .order(ByteOrder.nativeOrder())
            .asFloatBuffer();
    Phase phase = Phase.start();
    for (int i = 0; i < tensors.size(); i += batch) {
      int n = Math.min(batch, tensors.size() - i);
      buffer.clear();
      for (int j = 0; j < n; j++) {
        buffer.put(tensors.get(i + j));
      }
      buffer.rewind();
      engine.run(buffer, n);
    }
    return phase.end(tensors.size());
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
      Rate prep,
      Rate rawBefore,
      Rate rawAfter,
      Rate endToEnd,
      PipelineOutputs outputs) {
    Rate raw = Rate.mean(rawBefore, rawAfter);
    out.printf(
        Locale.ROOT,
        "Throughput: %d JPEG images %dx%d, model %s, provider %s, batch.max.size %d, %s,"
            + " num.stream.threads %s, %d cores%n",
        settings.images(),
        settings.width(),
        settings.height(),
        engine.model().name(),
        engine.provider(),
        config.batchMaxSize(),
        config.exactlyOnce() ? "exactly_once_v2" : "at_least_once",
        config.streamsProperties().getProperty("num.stream.threads", "1"),
        Runtime.getRuntime().availableProcessors());
    out.printf(
        Locale.ROOT,
        "  raw engine (ready tensors)       %s (before %.1f/s, after %.1f/s)%n",
        raw,
        rawBefore.perSecond(),
        rawAfter.perSecond());
    out.printf(Locale.ROOT, "  preprocessing alone (1 thread)   %s%n", prep);
    out.printf(Locale.ROOT, "  end to end (broker, pipeline)    %s%n", endToEnd);
    out.printf(
        Locale.ROOT,
        "  end to end / raw engine: %.0f%% of images/s, %.0f%% of CPU per image%n",
        100 * endToEnd.perSecond() / raw.perSecond(),
        100 * raw.cpuMillisPerImage() / endToEnd.cpuMillisPerImage());
    out.printf(
        Locale.ROOT,
        "  classified %d, dead-lettered %d, missing %d%n",
        outputs.results().size(),
        outputs.deadLetters().size(),
        outputs.missing().size());
    out.flush();
  }

  /** Wall time and process CPU time since a start. */
  private record Phase(long wallNanos, long cpuNanos) {
    static Phase start() {
      return new Phase(System.nanoTime(), processCpuNanos());
    }

    Rate end(int images) {
      return new Rate(images, System.nanoTime() - wallNanos, processCpuNanos() - cpuNanos);
    }
  }

  /** Images done in a wall time, and the process CPU time it took (every thread). */
  record Rate(int images, long wallNanos, long cpuNanos) {
    double perSecond() {
      return images / (wallNanos / 1e9);
    }

    double cpuMillisPerImage() {
      return cpuNanos / 1e6 / images;
    }

    static Rate mean(Rate a, Rate b) {
      return new Rate(a.images + b.images, a.wallNanos + b.wallNanos, a.cpuNanos + b.cpuNanos);
    }

    @Override
    public String toString() {
      return String.format(
          Locale.ROOT, "%7.1f images/s, %6.1f CPU ms/image", perSecond(), cpuMillisPerImage());
    }
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean)
            java.lang.management.ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }
}
