package googlenet.streams.ops;

import googlenet.streams.config.GnsConfig;
import googlenet.streams.inference.InferenceEngine;
import googlenet.streams.serde.RegistryListener;
import java.net.InetSocketAddress;
import java.util.Optional;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;

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

  /**
   * What the schema-registry client reports to: failures and retries counted, availability as a
   * gauge and in readiness. Call once.
   */
  public RegistryListener registryListener() {
    return metrics.registryListener(health);
  }

  /** The engine is open: its provider and model gauges appear, and the model counts as loaded. */
  public void engineOpened(InferenceEngine engine) {
    metrics.bindEngine(engine);
    health.modelLoaded();
  }

  /**
   * Installs {@code listener} and {@code handler} on {@code streams} with the health bookkeeping (a
   * failure the handler answers with anything but {@code REPLACE_THREAD} is fatal), and bridges the
   * streams client metrics.
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
          StreamThreadExceptionResponse response = handler.handle(exception);
          if (response != StreamThreadExceptionResponse.REPLACE_THREAD) {
            health.fatal(SecurityHints.rootCause(exception));
          }
          return response;
        });
    metrics.bindStreams(streams);
  }

  /** The classifier now runs {@code next}: counted, gauges follow, any refusal note is cleared. */
  public void modelSwitched(InferenceEngine next) {
    metrics.modelSwitched(next);
    health.modelRefused(null);
  }

  /** A new model file was refused for {@code reason}; the health endpoint notes it. */
  public void modelRefused(String reason) {
    metrics.modelRefused();
    health.modelRefused(reason);
  }

  /**
   * A stream thread failed with a transient error of kind {@code reason} and is replaced: counted,
   * and not ready until the streams instance is running again. Never fatal.
   */
  public void threadReplaced(String reason) {
    metrics.threadReplaced(reason);
    health.threadReplaced();
  }

  /**
   * The Kafka brokers do not answer, for {@code reason} (an outage: counted, not ready), or answer
   * again ({@code null}).
   */
  public void brokersUnreachable(String reason) {
    metrics.brokersReachable(reason == null);
    health.brokersUnreachable(reason);
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
