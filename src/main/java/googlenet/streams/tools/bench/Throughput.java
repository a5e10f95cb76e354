package googlenet.streams.tools.bench;

import java.util.Map;

/**
 * One throughput figure of the suite, as measured (see {@link Figure} for how it is reported).
 *
 * @param id stable identifier, e.g. {@code engine-b8}, {@code pipeline-eos-b8}
 * @param stage the stage column ({@link BenchSettings.Stage#number()})
 * @param description what was measured, in words
 * @param imagesPerSecond images per second (the steady window for Kafka stages)
 * @param images images the figure counts
 * @param seconds wall time the figure counts, in seconds
 * @param batch the engine run's batch size (stage 1), else the classifier's {@code batch.max.size}
 * @param cpuMsPerImage process CPU time (all threads, broker included) per image over the same
 *     window, in milliseconds; 0 when unknown. Less sensitive to other load than images/s
 * @param brokerMsPerImage the in-JVM broker's share of it; 0 when the stage ran without the broker,
 *     null when not measured
 * @param decodeMsPerImage the classifier's decode threads' share of it; null when not measured
 * @param jitMsPerImage the JIT compiler threads' share of it; null when not measured
 * @param inferenceMsPerImage the share of the threads that call the engine and of ONNX Runtime's
 *     own ({@link TaskCpu#INFERENCE}); null when not measured
 * @param settings the settings that differ between figures (guarantee, buffer, results ...)
 */
record Throughput(
    String id,
    int stage,
    String description,
    double imagesPerSecond,
    long images,
    double seconds,
    int batch,
    double cpuMsPerImage,
    Double brokerMsPerImage,
    Double decodeMsPerImage,
    Double jitMsPerImage,
    Double inferenceMsPerImage,
    Map<String, String> settings) {

  /** Copies the settings. */
  Throughput {
    settings = Map.copyOf(settings);
  }

  /** Settings key saying a window has no rate: its results came in one poll. */
  static final String NO_RATE = "window";

  /**
   * From a {@link ResultReader#steadyWindow}. A window whose results all came in one poll has no
   * rate (0 images/s, 0 CPU ms/image), and the settings say so under {@link #NO_RATE}.
   */
  static Throughput ofWindow(
      String id,
      int stage,
      String description,
      int batch,
      Window window,
      Map<String, String> settings) {
    double seconds = window.wallNanos() / 1e9;
    if (window.images() > 0 && window.wallNanos() == 0) {
      settings = new java.util.LinkedHashMap<>(settings);
      settings.put(NO_RATE, "all " + window.images() + " counted results came at once: no rate");
    }
    return new Throughput(
        id,
        stage,
        description,
        seconds > 0 ? window.images() / seconds : 0,
        window.images(),
        seconds,
        batch,
        window.cpuMsPerImage(),
        window.brokerMsPerImage(),
        window.decodeMsPerImage(),
        window.jitMsPerImage(),
        window.inferenceMsPerImage(),
        settings);
  }

  /** A copy under another id and description (a figure measured again). */
  Throughput renamed(String newId, String newDescription) {
    return new Throughput(
        newId,
        stage,
        newDescription,
        imagesPerSecond,
        images,
        seconds,
        batch,
        cpuMsPerImage,
        brokerMsPerImage,
        decodeMsPerImage,
        jitMsPerImage,
        inferenceMsPerImage,
        settings);
  }
}
