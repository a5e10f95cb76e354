package googlenet.streams.ops;

import googlenet.streams.serde.RegistryListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the schema-registry client reports, as meters and readiness: failed requests and retries are
 * counted, availability is a gauge and turns readiness off while the registry is down.
 */
final class RegistryMetrics implements RegistryListener {
  private final Counter failures;
  private final Counter retries;
  private final AtomicInteger available = new AtomicInteger(1);
  private final AtomicInteger cached = new AtomicInteger();
  private final Health health;

  RegistryMetrics(MeterRegistry registry, Health health) {
    this.health = health;
    failures =
        Meters.counter(
            registry,
            MetricNames.REGISTRY_FAILURES,
            "HTTP requests to the schema registry that failed");
    retries =
        Meters.counter(
            registry,
            MetricNames.REGISTRY_RETRIES,
            "Reads or writes that waited for the schema registry to come back");
    Gauge.builder(MetricNames.REGISTRY_AVAILABLE, available, AtomicInteger::get)
        .description("1 while the schema registry answers, 0 while it is unavailable")
        .register(registry);
    Gauge.builder(MetricNames.REGISTRY_CACHED, cached, AtomicInteger::get)
        .description("Writer schemas and registered ids the registry client holds")
        .register(registry);
  }

  @Override
  public void requestFailed(URI url, String error) {
    failures.increment();
  }

  @Override
  public void retrying(int attempt, Duration delay) {
    retries.increment();
  }

  @Override
  public void availabilityChanged(boolean isAvailable) {
    available.set(isAvailable ? 1 : 0);
    health.registryAvailable(isAvailable);
  }

  @Override
  public void schemaCacheSize(int entries) {
    cached.set(entries);
  }
}
