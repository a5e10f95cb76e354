package googlenet.streams.topology;

import googlenet.streams.inference.BatchResult;
import googlenet.streams.inference.InferenceEngine;
import googlenet.streams.inference.InferenceException;
import googlenet.streams.ops.PipelineMetrics;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.errors.StreamsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the tensors of a {@link SlotBuffer} through the engine. When a batch fails for a reason that
 * concerns only the batch, each image is run alone so one bad image cannot sink the others; an
 * image that fails alone gets a failed {@link Outcome}. A fatal engine failure stops the stream
 * thread with a {@link StreamsException}.
 */
final class BatchRunner {
  private static final Logger LOG = LoggerFactory.getLogger(BatchRunner.class);

  private final InferenceEngine engine;
  private final PipelineMetrics metrics;

  BatchRunner(InferenceEngine engine, PipelineMetrics metrics) {
    this.engine = engine;
    this.metrics = metrics;
  }

  /** The outcome of each of the first {@code n} slots, in slot order. */
  List<Outcome> run(SlotBuffer slots, int n) {
    try {
      BatchResult result = engine.run(slots.tensors(), n);
      metrics.batchRun(n, result.inferenceNanos());
      if (result.probabilities().length != n) {
        throw new StreamsException(
            "inference engine returned "
                + result.probabilities().length
                + " results for a batch of "
                + n);
      }
      List<Outcome> outcomes = new ArrayList<>(n);
      for (float[] probabilities : result.probabilities()) {
        outcomes.add(Outcome.ok(probabilities, result.provider(), n, result.inferenceNanos()));
      }
      return outcomes;
    } catch (InferenceException e) {
      failIfFatal(e);
      if (n == 1) {
        return List.of(Outcome.failed(e));
      }
      LOG.warn("batch of {} images failed ({}); running each image alone", n, e.getMessage());
      return runAlone(slots, n);
    }
  }

  private List<Outcome> runAlone(SlotBuffer slots, int n) {
    List<Outcome> outcomes = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      try {
        BatchResult result = engine.run(slots.single(i), 1);
        metrics.batchRun(1, result.inferenceNanos());
        outcomes.add(
            Outcome.ok(result.probabilities()[0], result.provider(), 1, result.inferenceNanos()));
      } catch (InferenceException e) {
        failIfFatal(e);
        outcomes.add(Outcome.failed(e));
      }
    }
    return outcomes;
  }

  private void failIfFatal(InferenceException e) {
    if (e.fatal()) {
      throw new StreamsException(
          "inference engine failed fatally, stopping ("
              + e.getMessage()
              + "); check model.path, execution.provider and the engine log above",
          e);
    }
  }

  /**
   * What became of one image: probabilities, or the failure of its run alone.
   *
   * @param probabilities one per class, or null on failure
   * @param provider the provider that ran it
   * @param batchSize size of the run it was part of
   * @param inferenceNanos wall time of that run
   * @param failure the failure, or null
   */
  record Outcome(
      float[] probabilities,
      String provider,
      int batchSize,
      long inferenceNanos,
      InferenceException failure) {
    static Outcome ok(float[] probabilities, String provider, int batchSize, long nanos) {
      return new Outcome(probabilities, provider, batchSize, nanos, null);
    }

    static Outcome failed(InferenceException failure) {
      return new Outcome(null, null, 0, 0, failure);
    }
  }
}
