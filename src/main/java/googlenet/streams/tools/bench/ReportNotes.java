package googlenet.streams.tools.bench;

import java.util.List;

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
            + " so they measure pipeline capacity; results are read back with a read_committed"
            + " consumer. images/s counts the steady window from the result ranked 10% to the"
            + " last one, so group join, transaction set-up and JIT warm-up are excluded. Before"
            + " the first of them, an unreported run of the default pipeline over the first 200"
            + " images warms the JIT, the broker and the page cache, so the first figure does not"
            + " run cold.",
        "The in-JVM broker's CPU ms/image (a share of CPU ms/image) sums the CPU time of the"
            + " threads the broker started (its own thread group); a deployed service's broker"
            + " runs on other machines.",
        "Stage 5 offers a fixed load with a paced producer (produce time = record timestamp,"
            + " copied to the result); latency is the read_committed consumer's receive time"
            + " minus that timestamp. The first third of the time is warm-up and not counted.",
        "CPU ms/image is the process CPU time (every thread: ONNX Runtime, stream threads, the"
            + " in-JVM broker, the reader) over the same window divided by the images. On a shared"
            + " machine it is steadier than images/s; 'CPU ratio to ceiling' (ceiling CPU ms/image"
            + " over the figure's) is what the ratio would be if the work were CPU-bound and the"
            + " machine otherwise idle.",
        "The unlogged buffer variant sets batch.buffer.logged=false (no changelog, not"
            + " crash-safe); it exists only to measure what the durable buffer costs. A full run"
            + " measures both again in the reverse order ('-again' figures) and the goal compares"
            + " the means: one pair on a shared machine differs by up to 20% either way.",
        "The naive baseline (BASELINE ONLY) is mapValues with one image per engine run,"
            + " at-least-once, no dead-letter topic.");
  }
}
