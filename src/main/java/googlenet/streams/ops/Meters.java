package googlenet.streams.ops;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** Registration of the plain meters the ops classes share. */
final class Meters {
  private Meters() {}

  /** A counter without tags, registered on {@code registry}. */
  static Counter counter(MeterRegistry registry, String name, String description) {
    return Counter.builder(name).description(description).register(registry);
  }
}
