package googlenet.streams.ops;

import googlenet.streams.inference.InferenceEngine;
import googlenet.streams.inference.ModelInfo;
import googlenet.streams.serde.RegistryListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.streams.KafkaStreams;

/**
 * The metrics of one service process on a Prometheus registry: the pipeline meters ({@link
 * #pipeline()}), the engine's provider and model, Kafka Streams' own client metrics (consumer lag
 * per partition among them), and JVM and process memory, GC, threads and CPU. Close it to unbind
 * the Kafka and GC listeners.
 */
public final class ServiceMetrics implements AutoCloseable {
  /**
   * How often new Kafka client metrics (e.g. the lag of a newly assigned partition) are looked for;
   * Micrometer's default is a minute.
   */
  static final Duration KAFKA_REFRESH = Duration.ofSeconds(5);

  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final MicrometerPipelineMetrics pipeline = new MicrometerPipelineMetrics(registry);
  private final AtomicReference<InferenceEngine> boundEngine = new AtomicReference<>();
  private final Counter switches =
      Meters.counter(
          registry, MetricNames.MODEL_SWITCHES, "Switches to a new model file without a restart");
  private final Counter refusals =
      Meters.counter(
          registry,
          MetricNames.MODEL_REFUSALS,
          "New model files refused; the old model keeps serving");
  private final AtomicReference<Boolean> brokersReachable = new AtomicReference<>(true);
  private final Counter outages =
      Meters.counter(
          registry,
          MetricNames.BROKER_OUTAGES,
          "Episodes in which the Kafka brokers stopped answering");
  private Gauge modelInfo;
  private final JvmGcMetrics gc = new JvmGcMetrics();
  private KafkaStreamsMetrics streams;
  private ScheduledExecutorService kafkaScheduler;

  /** The schema registry client's meters, feeding {@code health}'s readiness. */
  public RegistryListener registryListener(Health health) {
    return new RegistryMetrics(registry, health);
  }

  /** A registry with the pipeline, JVM and process meters. */
  public ServiceMetrics() {
    Gauge.builder(MetricNames.BROKERS_REACHABLE, brokersReachable, r -> r.get() ? 1 : 0)
        .description("1 while the Kafka brokers answer, 0 while they do not")
        .register(registry);
    new JvmMemoryMetrics().bindTo(registry);
    gc.bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    new ProcessMemoryMetrics().bindTo(registry);
  }

  /** The meters the topology and the backfill report to. */
  public MicrometerPipelineMetrics pipeline() {
    return pipeline;
  }

  /** Adds the engine's execution provider, fallback flag and model info gauges. */
  public synchronized void bindEngine(InferenceEngine engine) {
    if (modelInfo != null) {
      registry.remove(modelInfo);
    }
    boundEngine.set(engine);
    String provider = engine.provider().toLowerCase(Locale.ROOT);
    Gauge.builder(MetricNames.PROVIDER, () -> 1)
        .description("1 for the execution provider the engine runs on")
        .tag("provider", provider)
        .register(registry);
    Gauge.builder(MetricNames.FALLBACK, boundEngine, e -> e.get().fellBack() ? 1 : 0)
        .description("1 when CUDA was asked for and the engine fell back to the CPU")
        .register(registry);
    ModelInfo model = engine.model();
    modelInfo =
        Gauge.builder(MetricNames.MODEL_INFO, () -> 1)
            .description("1 for the model serving now; its identity is in the labels")
            .tag("name", model.name())
            .tag("version", model.version())
            .tag("sha256", model.sha256())
            .register(registry);
  }

  /** The engine was swapped for {@code next}: counted, and the model gauges follow it. */
  public void modelSwitched(InferenceEngine next) {
    switches.increment();
    bindEngine(next);
  }

  /** A stream thread is replaced after a transient failure of kind {@code reason}. */
  public void threadReplaced(String reason) {
    Counter.builder(MetricNames.THREADS_REPLACED)
        .description("Stream threads replaced after a transient failure")
        .tag("reason", reason)
        .register(registry)
        .increment();
  }

  /** The Kafka brokers stopped answering ({@code false}, an outage counted) or answer again. */
  public void brokersReachable(boolean reachable) {
    if (brokersReachable.getAndSet(reachable) && !reachable) {
      outages.increment();
    }
  }

  /** A new model file was refused. */
  public void modelRefused() {
    refusals.increment();
  }

  /** Bridges the streams instance's client metrics (consumer lag, commit rates, ...). */
  public synchronized void bindStreams(KafkaStreams kafkaStreams) {
    closeStreamsMetrics();
    ScheduledExecutorService scheduler =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "gns-kafka-metrics");
              t.setDaemon(true);
              return t;
            });
    kafkaScheduler = scheduler;
    streams = new KafkaStreamsMetrics(kafkaStreams, List.of(), scheduler, KAFKA_REFRESH);
    streams.bindTo(registry);
  }

  private void closeStreamsMetrics() {
    if (streams != null) {
      streams.close();
      kafkaScheduler.shutdownNow();
      streams = null;
    }
  }

  /** Every meter in the Prometheus text format. */
  public String scrape() {
    return registry.scrape();
  }

  /** The registry, for binders this class does not know. */
  public PrometheusMeterRegistry registry() {
    return registry;
  }

  @Override
  public synchronized void close() {
    closeStreamsMetrics();
    gc.close();
    registry.close();
  }
}
