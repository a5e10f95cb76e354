package googlenet.streams.ops;

import googlenet.streams.inference.SchedulerMetrics;
import googlenet.streams.topology.TopologyMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the topology and the classifier report, and a backfill's progress, on a Micrometer registry.
 * Histograms have explicit buckets, so the Prometheus registry exposes them as Prometheus
 * histograms ({@code _bucket}, {@code _count}, {@code _sum}). Meter names are listed in {@link
 * MetricNames}.
 */
public final class MicrometerPipelineMetrics implements TopologyMetrics, SchedulerMetrics {
  private static final double[] BATCH_SIZE_BUCKETS = {
    1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 4096
  };

  private final MeterRegistry registry;
  private final Counter classified;
  private final Counter batches;
  private final DistributionSummary batchSize;
  private final Timer batchWait;
  private final Timer decode;
  private final Counter shadowWritten;
  private final Counter shadowCompared;
  private final Counter shadowAgreed;
  private final DistributionSummary shadowDelta;
  private final Timer inference;
  private final Timer endToEnd;
  private final Map<String, Integer> bufferedByTask = new ConcurrentHashMap<>();
  private final AtomicLong backfillDone = new AtomicLong();
  private final AtomicLong backfillTotal = new AtomicLong(-1);
  private final Counter openFenced;
  private final Counter openUnfenced;

  /** Registers the pipeline meters on {@code registry}. */
  public MicrometerPipelineMetrics(MeterRegistry registry) {
    this.registry = registry;
    classified =
        Meters.counter(
            registry,
            MetricNames.IMAGES_CLASSIFIED,
            "Images classified and sent to the output topic");
    batches = Meters.counter(registry, MetricNames.BATCHES, "Inference runs (batches) executed");
    batchSize =
        DistributionSummary.builder(MetricNames.BATCH_SIZE)
            .description("Images per inference run")
            .serviceLevelObjectives(BATCH_SIZE_BUCKETS)
            .register(registry);
    batchWait =
        timer(MetricNames.BATCH_WAIT, "Time the oldest image of a batch waited in the queue")
            .serviceLevelObjectives(millis(1, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000))
            .register(registry);
    decode =
        timer(MetricNames.DECODE, "Decode and preprocessing of one image")
            .serviceLevelObjectives(millis(1, 2, 5, 10, 25, 50, 100, 250, 1000))
            .register(registry);
    inference =
        timer(MetricNames.INFERENCE, "Wall time of one inference run (whole batch)")
            .serviceLevelObjectives(
                millis(5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10_000, 30_000))
            .register(registry);
    endToEnd =
        timer(MetricNames.END_TO_END, "From the input record's timestamp to the result's send")
            .serviceLevelObjectives(
                millis(10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10_000, 30_000, 60_000))
            .register(registry);
    shadowWritten =
        Meters.counter(
            registry,
            MetricNames.SHADOW_RESULTS,
            "Shadow candidate classifications written to the shadow topic");
    shadowCompared =
        Meters.counter(
            registry,
            MetricNames.SHADOW_COMPARED,
            "Images both the live and the shadow model labelled");
    shadowAgreed =
        Meters.counter(
            registry,
            MetricNames.SHADOW_AGREED,
            "Images on which the live and the shadow model agree on the top-1 class");
    shadowDelta =
        DistributionSummary.builder(MetricNames.SHADOW_DELTA)
            .description("Difference of the live and the shadow model's top-1 probabilities")
            .serviceLevelObjectives(0.01, 0.05, 0.1, 0.2, 0.5, 1.0)
            .register(registry);
    Gauge.builder(MetricNames.BUFFERED, bufferedByTask, MicrometerPipelineMetrics::sum)
        .description("Records read and not yet written by this instance's tasks")
        .register(registry);
    openFenced = openAtStart("fenced", "ended at start");
    openUnfenced = openAtStart("unfenced", "that could not be ended at start");
  }

  private Counter openAtStart(String outcome, String what) {
    return Counter.builder(MetricNames.OPEN_TRANSACTIONS_AT_START)
        .description("Transactions of a crashed earlier run of this instance found open, " + what)
        .tag("outcome", outcome)
        .register(registry);
  }

  private static Timer.Builder timer(String name, String description) {
    return Timer.builder(name).description(description).publishPercentileHistogram(false);
  }

  private static Duration[] millis(long... values) {
    Duration[] out = new Duration[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = Duration.ofMillis(values[i]);
    }
    return out;
  }

  private static double sum(Map<String, Integer> counts) {
    return counts.values().stream().mapToInt(Integer::intValue).sum();
  }

  @Override
  public void classified(long recordTimestampMs, long nowMs) {
    classified.increment();
    endToEnd.record(Math.max(0, nowMs - recordTimestampMs), TimeUnit.MILLISECONDS);
  }

  @Override
  public void deadLetterReasons(Collection<String> reasons) {
    reasons.forEach(this::deadLetters);
  }

  @Override
  public void deadLetter(String reason) {
    deadLetters(reason).increment();
  }

  private Counter deadLetters(String reason) {
    return Counter.builder(MetricNames.DEAD_LETTERS)
        .description("Records written to the dead-letter topic, by reason code")
        .tag("reason", reason)
        .register(registry);
  }

  @Override
  public void batchRun(int size, long queueNanos, long inferenceNanos) {
    batches.increment();
    batchSize.record(size);
    batchWait.record(Math.max(0, queueNanos), TimeUnit.NANOSECONDS);
    inference.record(inferenceNanos, TimeUnit.NANOSECONDS);
  }

  @Override
  public void decoded(long nanos) {
    decode.record(nanos, TimeUnit.NANOSECONDS);
  }

  @Override
  public void buffered(String taskId, int records) {
    if (records == 0) {
      bufferedByTask.remove(taskId);
    } else {
      bufferedByTask.put(taskId, records);
    }
  }

  @Override
  public void shadowWritten() {
    shadowWritten.increment();
  }

  @Override
  public void shadowSkipped(String reason) {
    Counter.builder(MetricNames.SHADOW_SKIPPED)
        .description("Images the shadow candidate did not run or whose result was not written")
        .tag("reason", reason)
        .register(registry)
        .increment();
  }

  @Override
  public void shadowCompared(boolean sameTop1, double top1Delta) {
    shadowCompared.increment();
    if (sameTop1) {
      shadowAgreed.increment();
    }
    shadowDelta.record(top1Delta);
  }

  /** Progress of a running backfill: {@code done} of {@code total} records processed. */
  public void backfillProgress(long done, long total) {
    if (backfillTotal.getAndSet(total) < 0) {
      Gauge.builder(MetricNames.BACKFILL_DONE, backfillDone, AtomicLong::get)
          .description("Records the running backfill has processed")
          .register(registry);
      Gauge.builder(MetricNames.BACKFILL_PLANNED, backfillTotal, AtomicLong::get)
          .description("Records the running backfill has to process")
          .register(registry);
    }
    backfillDone.set(done);
  }

  /**
   * Transactions of this instance's crashed earlier run were open at start: {@code fenced} ended,
   * {@code unfenced} left to their timeout.
   */
  public void openTransactionsAtStart(int fenced, int unfenced) {
    openFenced.increment(fenced);
    openUnfenced.increment(unfenced);
  }
}
