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
 *       Kafka brokers answer, no stream thread is being replaced, the schema registry (when one is
 *       configured) answers and no shutdown has begun. {@code REBALANCING} is not ready: the
 *       instance owns no settled tasks. A replaced stream thread is not fatal: readiness returns
 *       once the instance is {@code RUNNING} again.
 * </ul>
 */
public final class Health implements KafkaStreams.StateListener {
  private final AtomicReference<State> state = new AtomicReference<>(State.CREATED);
  private final AtomicReference<String> fatal = new AtomicReference<>();
  private volatile boolean modelLoaded;
  private volatile boolean shuttingDown;
  private volatile boolean registryAvailable = true;
  private final AtomicReference<String> brokersUnreachable = new AtomicReference<>();
  private volatile boolean threadReplaced;
  private final AtomicReference<String> modelRefused = new AtomicReference<>();

  /**
   * Whether a probe passes, why not, and what an operator should know that does not fail it.
   *
   * @param ok whether the probe passes
   * @param reasons why it does not
   * @param notes facts that do not fail it, e.g. a model update that was refused
   */
  public record Status(boolean ok, List<String> reasons, List<String> notes) {
    /** Copies the lists. */
    public Status {
      reasons = List.copyOf(reasons);
      notes = List.copyOf(notes);
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

  /**
   * The Kafka brokers do not answer ({@code reason}), or answer again ({@code null}): not ready
   * while they do not.
   */
  public void brokersUnreachable(String reason) {
    brokersUnreachable.set(reason);
  }

  /**
   * A stream thread failed with a transient error and is being replaced: not ready until the
   * streams instance is {@code RUNNING} again.
   */
  public void threadReplaced() {
    threadReplaced = true;
  }

  /**
   * A new model file was refused ({@code reason}), or null once a model was switched to: the old
   * model keeps serving, so it is a note, not a failure.
   */
  public void modelRefused(String reason) {
    modelRefused.set(reason);
  }

  /** A fatal error stopped the pipeline: neither ready nor live. */
  public void fatal(String reason) {
    fatal.compareAndSet(null, reason);
  }

  @Override
  public void onChange(State newState, State oldState) {
    state.set(newState);
    if (newState == State.RUNNING) {
      threadReplaced = false;
    }
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
    return new Status(reasons.isEmpty(), reasons, notes());
  }

  private List<String> notes() {
    String refused = modelRefused.get();
    return refused == null ? List.of() : List.of("model update refused: " + refused);
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
    String brokers = brokersUnreachable.get();
    if (brokers != null) {
      reasons.add("Kafka brokers unreachable: " + brokers);
    }
    if (threadReplaced) {
      reasons.add("stream thread being replaced after a transient failure");
    }
    if (!registryAvailable) {
      reasons.add("schema registry unavailable");
    }
    if (shuttingDown) {
      reasons.add("shutting down");
    }
    return new Status(reasons.isEmpty(), reasons, notes());
  }
}
