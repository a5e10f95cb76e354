package googlenet.streams.ops;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KafkaStreams.State;

/**
 * The liveness and readiness of the service, fed by the service lifecycle (model loaded, shutdown
 * begun, fatal error) and by the streams instance's state listener. Thread-safe.
 *
 * <ul>
 *   <li><b>Live</b> unless the streams instance is in {@code PENDING_ERROR} or {@code ERROR}, or a
 *       fatal error was reported: then the process cannot recover and should be restarted. A
 *       requested shutdown stays live, so an orchestrator does not kill a graceful close.
 *   <li><b>Ready</b> only when the model is loaded, the streams instance is {@code RUNNING}, the
 *       schema registry (when one is configured) answers and no shutdown has begun. {@code
 *       REBALANCING} is not ready: the instance owns no settled tasks.
 * </ul>
 */
public final class Health implements KafkaStreams.StateListener {
  private final AtomicReference<State> state = new AtomicReference<>(State.CREATED);
  private final AtomicReference<String> fatal = new AtomicReference<>();
  private volatile boolean modelLoaded;
  private volatile boolean shuttingDown;
  private volatile boolean registryAvailable = true;

  /** Whether a probe passes, and why not. */
  public record Status(boolean ok, List<String> reasons) {
    /** Copies the reasons. */
    public Status {
      reasons = List.copyOf(reasons);
    }
  }

  /** The model is loaded and the engine open. */
  public void modelLoaded() {
    modelLoaded = true;
  }

  /** A shutdown has begun: no longer ready, still live. */
  public void shuttingDown() {
    shuttingDown = true;
  }

  /**
   * The schema registry became unavailable ({@code false}) or available again: not ready while
   * down.
   */
  public void registryAvailable(boolean available) {
    registryAvailable = available;
  }

  /** A fatal error stopped the pipeline: neither ready nor live. */
  public void fatal(String reason) {
    fatal.compareAndSet(null, reason);
  }

  @Override
  public void onChange(State newState, State oldState) {
    state.set(newState);
  }

  /** The liveness probe's answer. */
  public Status live() {
    List<String> reasons = new ArrayList<>();
    State current = state.get();
    if (current == State.ERROR || current == State.PENDING_ERROR) {
      reasons.add("streams state " + current);
    }
    if (fatal.get() != null) {
      reasons.add("fatal error: " + fatal.get());
    }
    return new Status(reasons.isEmpty(), reasons);
  }

  /** The readiness probe's answer. */
  public Status ready() {
    List<String> reasons = new ArrayList<>(live().reasons());
    if (!modelLoaded) {
      reasons.add("model not loaded");
    }
    State current = state.get();
    if (current != State.RUNNING && !reasons.contains("streams state " + current)) {
      reasons.add("streams state " + current);
    }
    if (!registryAvailable) {
      reasons.add("schema registry unavailable");
    }
    if (shuttingDown) {
      reasons.add("shutting down");
    }
    return new Status(reasons.isEmpty(), reasons);
  }
}
