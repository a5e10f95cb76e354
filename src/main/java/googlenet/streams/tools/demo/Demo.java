package googlenet.streams.tools.demo;

import googlenet.streams.avro.Classification;
import googlenet.streams.avro.ImageRecord;
import googlenet.streams.config.GnsConfig;
import googlenet.streams.config.OutputFormat;
import googlenet.streams.model.ModelSource;
import googlenet.streams.serde.RecordSerdes;
import googlenet.streams.serde.RegistryListener;
import googlenet.streams.service.ClassificationService;
import googlenet.streams.service.StartupException;
import googlenet.streams.tools.TempDir;
import googlenet.streams.tools.broker.EmbeddedKafkaBroker;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The {@code demo} command's work: a real Kafka broker in this JVM, the synthetic (or a given)
 * model, sample pictures and broken files published, the pipeline run exactly-once, every record
 * accounted for, the results printed. Offline; needs nothing but the jar.
 */
public final class Demo {
  static final String INPUT = "images";
  static final String OUTPUT = "classifications";
  static final String DLQ = "images.dlq";

  private final DemoSettings settings;
  private final PrintWriter out;
  private final RecordSerdes serdes;

  /** A demo that prints to {@code out}. */
  public Demo(DemoSettings settings, PrintWriter out) {
    this.settings = settings;
    this.out = out;
    this.serdes = RecordSerdes.create(settings.serdes(), RegistryListener.NONE);
  }

  /**
   * Runs the demo.
   *
   * @return 0 when every published record was classified or dead-lettered exactly once, 1 when some
   *     record is unaccounted for or duplicated, 2 when the pipeline could not start
   */
  public int run() throws InterruptedException {
    out.println(
        "googlenet-streams demo: a Kafka broker in this JVM, the whole pipeline, exactly-once.");
    Path model = resolveModel();
    long start = System.nanoTime();
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start()) {
      step(
          2,
          "Kafka broker (KRaft, in this JVM) on %s, up in %.1f s",
          broker.bootstrapServers(),
          secondsSince(start));
      broker.createTopics(2, INPUT);
      broker.createTopics(1, OUTPUT, DLQ);
      step(3, "Topics %s (2 partitions), %s, %s created", INPUT, OUTPUT, DLQ);
      List<SampleInput> inputs = SampleInputs.all(settings.images());
      SampleProducer.send(
          broker.bootstrapServers(),
          INPUT,
          inputs,
          serdes.writer(ImageRecord.class, settings.serdes().outputFormat()));
      long bad = inputs.stream().filter(i -> !i.good()).count();
      step(
          4,
          "Published %d generated pictures (JPEG/PNG, 96x64 to 1280x720) and %d broken inputs to %s"
              + " (%s)",
          inputs.size() - bad,
          bad,
          INPUT,
          settings
              .schemaRegistry()
              .map(url -> "schema registry framing, registry " + url)
              .orElse("Avro single-object encoding"));
      return runPipeline(broker, model, inputs);
    }
  }

  private int runPipeline(EmbeddedKafkaBroker broker, Path model, List<SampleInput> inputs)
      throws InterruptedException {
    TempDir state = TempDir.create("gns-demo-state-");
    Path stateDir = state.path();
    GnsConfig config = GnsConfig.fromMap(serviceConfig(broker, model, stateDir));
    ClassificationService service;
    try {
      service = ClassificationService.create(config);
    } catch (StartupException e) {
      out.println("demo: the pipeline cannot start: " + e.getMessage());
      return 2;
    }
    try (service) {
      long start = System.nanoTime();
      service.start();
      step(
          5,
          "Pipeline running (batch.max.size %d, %s); waiting for every record...",
          config.batchMaxSize(),
          config.exactlyOnce() ? "exactly_once_v2" : "at_least_once");
      Set<String> keys = inputs.stream().map(SampleInput::id).collect(Collectors.toSet());
      PipelineOutputs outputs =
          OutputCollector.collect(
              serdes.reader(Classification.class),
              broker.bootstrapServers(),
              OUTPUT,
              DLQ,
              keys,
              settings.timeout(),
              Duration.ofMillis(500));
      double seconds = secondsSince(start);
      DemoReport report = new DemoReport(out);
      report.results(outputs.results());
      report.deadLetters(outputs.deadLetters());
      report.summary(inputs.size(), outputs, seconds);
      if (settings.synthetic()) {
        report.syntheticNotice();
      }
      if (settings.keepRunning()) {
        keepRunning(broker, service);
      }
      return outputs.missing().isEmpty() && outputs.duplicated().isEmpty() ? 0 : 1;
    } finally {
      state.close();
    }
  }

  private Path resolveModel() {
    long start = System.nanoTime();
    if (settings.synthetic()) {
      out.printf(
          Locale.ROOT,
          "[1/5] Preparing the %s model (generated on first use, then cached in %s)%n",
          settings.modelSpec(),
          ModelSource.cacheDir());
      out.flush();
    }
    Path model = ModelSource.resolve(settings.modelSpec());
    step(1, "Model %s ready in %.1f s", model.getFileName(), secondsSince(start));
    return model;
  }

  private Map<String, String> serviceConfig(EmbeddedKafkaBroker broker, Path model, Path stateDir) {
    Map<String, String> props = new HashMap<>();
    props.put("bootstrap.servers", broker.bootstrapServers());
    props.put("application.id", "gns-demo");
    props.put("state.dir", stateDir.toString());
    props.put("metrics.port", "0"); // any free port: never collides with a running service
    props.put("input.topic", INPUT);
    props.put("output.topic", OUTPUT);
    props.put("dlq.topic", DLQ);
    settings
        .schemaRegistry()
        .ifPresent(
            url -> {
              props.put("schema.registry.url", url.toString());
              props.put("output.format", OutputFormat.REGISTRY.id());
            });
    props.put("model.path", model.toString());
    labels(model).ifPresent(l -> props.put("labels.path", l));
    settings.batchSize().ifPresent(b -> props.put("batch.max.size", String.valueOf(b)));
    return props;
  }

  /** The labels asked for, else the synset.txt that 'model fetch' puts beside the model. */
  private Optional<String> labels(Path model) {
    if (settings.labels().isPresent()) {
      return settings.labels();
    }
    Path beside = model.toAbsolutePath().resolveSibling("synset.txt");
    return Files.isRegularFile(beside) ? Optional.of(beside.toString()) : Optional.empty();
  }

  private void keepRunning(EmbeddedKafkaBroker broker, ClassificationService service)
      throws InterruptedException {
    String bootstrap = broker.bootstrapServers();
    out.printf(Locale.ROOT, "%nStill running. Publish more images and watch the results:%n");
    out.printf(
        Locale.ROOT,
        "  java -jar googlenet-streams.jar produce --bootstrap-servers %s --topic %s FILE|DIR...%n",
        bootstrap,
        INPUT);
    out.printf(
        Locale.ROOT,
        "  java -jar googlenet-streams.jar tail --bootstrap-servers %s --topic %s%n",
        bootstrap,
        OUTPUT);
    out.printf(
        Locale.ROOT,
        "  java -jar googlenet-streams.jar tail --bootstrap-servers %s --topic %s%n",
        bootstrap,
        DLQ);
    out.println("Press Ctrl-C to stop.");
    out.flush();
    Thread hook =
        new Thread(
            () -> {
              service.close();
              broker.close();
            },
            "gns-demo-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    service.awaitStop();
  }

  private void step(int n, String format, Object... args) {
    out.printf(Locale.ROOT, "[" + n + "/5] " + format + "%n", args);
    out.flush();
  }

  private static double secondsSince(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }
}
