package googlenet.streams.tools.bench;

import googlenet.streams.backfill.Backfill;
import googlenet.streams.inference.Classifier;
import googlenet.streams.inference.OnnxInferenceEngine;
import java.util.List;
import java.util.Locale;

/** How the figures were taken, for the notes section of the report. */
final class ReportNotes {
  private ReportNotes() {}

  static List<String> standard(BenchSettings s) {
    return List.of(
        "Every stage uses the same engine instance (one ONNX Runtime session, the same intra-op"
            + " threads) and the same pool of generated JPEGs.",
        "Stage 1 runs preprocessed tensors straight into ONNX Runtime for each batch size, from as"
            + " many calling threads as the pipeline has stream threads; the best batch size is"
            + " measured again after the Kafka stages (figure '-end'), and the best of all these is"
            + " the ceiling every ratio divides by. A large gap between the two shows the machine's"
            + " load changed during the run.",
        "Stages 3, 4 and 6 read a pre-produced input topic (produced before the pipeline starts),"
            + " so they measure pipeline capacity (the backfill reads one of its own when the"
            + " input would take it fewer than "
            + BackfillStage.MIN_COMMITS
            + " of its commits (every "
            + Backfill.COMMIT_INTERVAL_MS
            + " ms) at the ceiling's rate: its results become readable only at a commit); results are read back with a read_committed"
            + " consumer. images/s counts the steady window from the result ranked 10% to the"
            + " last one, so group join, transaction set-up and JIT warm-up are excluded. Before"
            + " the first of them, unreported runs of the default pipeline over the same input"
            + " warm the JIT, the broker and the page cache, so the figures measure a service that"
            + " has run for a while (a larger model warms up on the small synthetic one: the same"
            + " Java code at about six times the images/s): until the JIT compiler's CPU is under "
            + WarmUp.SETTLED_MS
            + " ms/image, at most "
            + String.format(Locale.ROOT, "%.0f", s.warmUpSeconds())
            + " s (the header's 'warm-up' says how many ran, at what cost, and why they"
            + " stopped).",
        "No stage can hang: each waits for its first result at most "
            + Bounds.FIRST.toSeconds()
            + " s, then at most "
            + Bounds.STALL.toSeconds()
            + " s for the next, and for all of them at most 60 s plus ten times the time the"
            + " expected rate would take (the ceiling's; the offered load's in stage 5); a stage"
            + " that hits a bound is stopped and its 'results' setting says how many came and"
            + " which bound ended it ('results=596/600 (timed out: no new result for 30 s)'), and"
            + " 'committed/end offsets' where its group stands on the input (all committed with"
            + " results missing: results were lost; behind: the run stalled). Engine"
            + " runs still going "
            + EngineStage.GRACE.toSeconds()
            + " s after a stage-1 measurement's time are abandoned ('timed out' setting).",
        "Stage 4 holds the two baselines, BASELINE ONLY. naive-baseline is mapValues with one"
            + " image per engine run, at-least-once, no dead-letter topic. consumer-loop is the"
            + " loop a user writes by hand: as many threads as stream threads, each with its own"
            + " KafkaConsumer, polls (max.poll.records "
            + 2 * s.defaultBatch()
            + ", two batches), hands every polled image to the same classifier as the default"
            + " pipeline (batch.max.size "
            + s.defaultBatch()
            + "; all submitted, flushed, then all awaited), produces the results, flushes and"
            + " commits with"
            + " commitSync: at-least-once, so only the Kafka part differs.",
        "CPU ms/image is the process CPU time (every thread: ONNX Runtime, stream threads, the"
            + " in-JVM broker, the reader) over the same window divided by the images. On a shared"
            + " machine it is steadier than images/s; 'CPU ratio to ceiling' (ceiling CPU ms/image"
            + " over the figure's) is what the ratio would be if the work were CPU-bound and the"
            + " machine otherwise idle.",
        "CPU ms/image outside inference is the figure's CPU ms/image minus the engine's: the"
            + " stage-1 figure at the figure's batch.max.size (the batches its classifier forms),"
            + " or the ceiling's when that size was not measured; the split table names the one"
            + " used. It is given with and without the in-JVM broker's share, which a deployed"
            + " service does not pay (its broker runs elsewhere). When the formed batches are"
            + " smaller than batch.max.size ('mean formed batch', over the whole run), inference"
            + " cost more per image than the engine figure says, and the part outside inference"
            + " is overstated.",
        "The split (table and bench-cpu.png): inference (engine figure) as above; inference"
            + " (measured) is the CPU time, in the figure's own window, of the threads that run"
            + " the engine: the classifier's runners ("
            + Classifier.INFERENCE_THREAD_PREFIX
            + "N) and ONNX Runtime's intra-op threads, which carry the name of the thread that"
            + " created the session ("
            + OnnxInferenceEngine.ORT_THREAD_NAME
            + "), read from /proc/self/task; the parts and the chart add up with it. Decode +"
            + " preprocess is the CPU"
            + " time of the classifier's decode threads (ThreadMXBean, per thread, so preemption"
            + " does not count), sampled with the window; in-JVM broker is the CPU time of the"
            + " threads the broker started (its own thread group; threads that ended are not"
            + " counted); JIT compiler is the CPU time of the JVM's C1 and C2 compiler threads"
            + " (/proc/self/task): compiling the Kafka clients, Streams and the broker while a"
            + " figure runs, a warm-up cost a service that has run for minutes no longer pays; it"
            + " stays inside 'outside inference' and the goals; Kafka + exactly-once is the"
            + " remainder (Kafka clients and Streams,"
            + " transactions, the stream threads' share of the scheduler, the result reader,"
            + " GC). For decode-engine the remainder is the classifier's own overhead. The"
            + " backfill's decode share is not measured (Backfill.run takes no scheduler"
            + " metrics), so its remainder holds it. A negative remainder is measurement noise and"
            + " is drawn as 0.",
        "GPU capacity: cores a host needs beside one GPU for "
            + GpuCapacity.RATE
            + " images/s = the default pipeline's CPU ms/image outside inference, in-JVM broker"
            + " excluded, x "
            + GpuCapacity.RATE
            + " / 1000.",
        "Stage 5 offers a fixed load with a paced producer (produce time = record timestamp,"
            + " copied to the result); latency is the read_committed consumer's receive time"
            + " minus that timestamp. The first third of the time is warm-up and not counted.",
        "The '-unlogged' variant builds the topology without the buffer's changelog"
            + " (TopologySpec.withoutBufferChangelog(): not crash-safe, not a user setting); it"
            + " exists only to measure what the durable buffer costs. A full run measures both"
            + " again in the reverse order ('-again' figures) and the comparison uses the means:"
            + " one pair on a shared machine differs by up to 20% either way.");
  }
}
