package googlenet.streams.tools.bench;

import java.util.List;
import java.util.Optional;

/**
 * Where a figure's CPU ms per image went. "Outside inference" is the figure less the CPU ms/image
 * of the stage-1 figure at the figure's {@code batch.max.size} (the ceiling's when that size was
 * not measured): what the figure costs beyond the raw engine. Inference is also measured inside the
 * figure, from the threads that run the engine ({@link TaskCpu#INFERENCE}), and the parts add up
 * with that measurement where there is one. Decode + preprocess is the CPU time of the classifier's
 * decode threads, the in-JVM broker's that of its threads, JIT that of the JVM's compiler threads
 * (a warm-up cost: compiling the Kafka clients, Streams and the broker while the figure runs), and
 * Kafka + exactly-once is what remains (Kafka clients and Streams, transactions, scheduling, the
 * bench's reader, GC). Each value in CPU ms per image.
 *
 * @param engineFigure id of the stage-1 figure that stands for inference
 * @param inferenceMs its CPU ms/image
 * @param measuredInferenceMs the CPU ms/image of the figure's own inference threads; null when not
 *     measured
 * @param decodeMs the decode threads' CPU ms/image; null when not measured
 * @param brokerMs the in-JVM broker's CPU ms/image (0 for a stage without it); null when not
 *     measured
 * @param jitMs the JIT compiler threads' CPU ms/image; null when not measured
 * @param kafkaMs the remainder (it holds the parts not measured); below 0 only through measurement
 *     noise, or when inference is not measured and the engine figure cost more than the figure's
 *     inference did
 * @param outsideInferenceMs the figure's CPU ms/image minus inference
 * @param outsideInferenceWithoutBrokerMs the same without the broker's share; null when that is not
 *     measured
 */
public record CpuSplit(
    String engineFigure,
    double inferenceMs,
    Double measuredInferenceMs,
    Double decodeMs,
    Double brokerMs,
    Double jitMs,
    double kafkaMs,
    double outsideInferenceMs,
    Double outsideInferenceWithoutBrokerMs) {

  /**
   * The split of {@code t} given the stage-1 figures of the run; empty for a stage-1 figure, when
   * no stage-1 figure was measured, or when the CPU time is unknown.
   */
  static Optional<CpuSplit> of(Throughput t, List<Throughput> engineFigures) {
    if (t.stage() == 1 || t.cpuMsPerImage() <= 0 || engineFigures.isEmpty()) {
      return Optional.empty();
    }
    Throughput engine =
        engineFigures.stream()
            .filter(e -> e.id().equals("engine-b" + t.batch()))
            .findFirst()
            .orElseGet(() -> EngineStage.best(engineFigures));
    double inference = engine.cpuMsPerImage();
    double outside = t.cpuMsPerImage() - inference;
    Double broker = t.brokerMsPerImage();
    Double decode = t.decodeMsPerImage();
    Double jit = t.jitMsPerImage();
    Double measured = t.inferenceMsPerImage();
    double kafka =
        t.cpuMsPerImage()
            - (measured == null ? inference : measured)
            - zeroIfNull(broker)
            - zeroIfNull(decode)
            - zeroIfNull(jit);
    return Optional.of(
        new CpuSplit(
            engine.id(),
            inference,
            measured,
            decode,
            broker,
            jit,
            kafka,
            outside,
            broker == null ? null : outside - broker));
  }

  /** The inference part the others add up with: measured in the figure, else the engine's. */
  double stackedInferenceMs() {
    return measuredInferenceMs == null ? inferenceMs : measuredInferenceMs;
  }

  private static double zeroIfNull(Double ms) {
    return ms == null ? 0 : ms;
  }
}
