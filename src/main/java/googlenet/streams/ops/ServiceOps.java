package googlenet.streams.ops;

import googlenet.streams.config.GnsConfig;
import googlenet.streams.inference.InferenceEngine;
import java.net.InetSocketAddress;
import java.util.Optional;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;

/**
 * The operations side of one service process: metrics, health, and the HTTP endpoint serving them
 * when {@code metrics.*} enables it. The service lifecycle calls, in order: {@link #create}, {@link
 * #engineOpened}, {@link #watch}, then {@link #shuttingDown} as the first step of its close, and
 * {@link #close} as the last.
 */
public final class ServiceOps implements AutoCloseable {
  private final ServiceMetrics metrics;
  private final Health health;
  private final OpsHttpServer server;

  /**
   * Creates the registry and, unless disabled, serves it at {@code metrics.address:metrics.port}.
   *
   * @throws java.io.UncheckedIOException naming the address when it cannot be bound
   */
  public static ServiceOps create(GnsConfig config) {
    ServiceMetrics metrics = new ServiceMetrics();
    Health health = new Health();
    try {
      OpsHttpServer server =
          config
              .metricsEndpoint()
              .map(address -> OpsHttpServer.start(address, metrics::scrape, health))
              .orElse(null);
      return new ServiceOps(metrics, server, health);
    } catch (RuntimeException e) {
      metrics.close();
      throw e;
    }
  }

  private ServiceOps(ServiceMetrics metrics, OpsHttpServer server, Health health) {
    this.metrics = metrics;
    this.server = server;
    this.health = health;
  }

  /** What the topology and the classifier report to. */
  public MicrometerPipelineMetrics metrics() {
    return metrics.pipeline();
  }

  /** The engine is open: its provider and model gauges appear, and the model counts as loaded. */
  public void engineOpened(InferenceEngine engine) {
    metrics.bindEngine(engine);
    health.modelLoaded();
  }

  /**
   * Installs {@code listener} and {@code handler} on {@code streams}, each preceded by the health
   * bookkeeping, and bridges the streams client metrics.
   */
  public void watch(
      KafkaStreams streams,
      KafkaStreams.StateListener listener,
      StreamsUncaughtExceptionHandler handler) {
    streams.setStateListener(
        (newState, oldState) -> {
          health.onChange(newState, oldState);
          listener.onChange(newState, oldState);
        });
    streams.setUncaughtExceptionHandler(
        exception -> {
          health.fatal(SecurityHints.rootCause(exception));
          return handler.handle(exception);
        });
    metrics.bindStreams(streams);
  }

  /** Shutdown has begun: readiness fails from now on. */
  public void shuttingDown() {
    health.shuttingDown();
  }

  /** Liveness and readiness, as the endpoint reports them. */
  public Health health() {
    return health;
  }

  /** The scrape, as {@code GET /metrics} answers it. */
  public String scrape() {
    return metrics.scrape();
  }

  /** The bound address of the endpoint, or empty when it is disabled. */
  public Optional<InetSocketAddress> httpAddress() {
    return Optional.ofNullable(server).map(OpsHttpServer::address);
  }

  /** Stops the endpoint and unbinds the meters. */
  @Override
  public void close() {
    if (server != null) {
      server.close();
    }
    metrics.close();
  }
}
