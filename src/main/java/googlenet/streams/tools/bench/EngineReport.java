package googlenet.streams.tools.bench;

import googlenet.streams.image.DecoderMode;
import googlenet.streams.image.ImageLimits;
import googlenet.streams.image.ImagePreprocessor;
import googlenet.streams.image.PreprocessProfile;
import googlenet.streams.inference.EngineConfig;
import googlenet.streams.inference.ExecutionProvider;
import googlenet.streams.inference.InferenceException;
import googlenet.streams.inference.ModelInfo;
import googlenet.streams.inference.OnnxInferenceEngine;
import java.io.PrintWriter;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * {@code bench inference}: the raw engine alone, one calling thread, one row per batch size (stage
 * 1 of the suite without the rest), printed as it goes. A report, not a test.
 */
public final class EngineReport {
  private EngineReport() {}

  /**
   * Measures {@code model} on {@code provider} for {@code seconds} per batch size and prints the
   * machine, the engine and a row per batch size to {@code out}.
   *
   * @throws IllegalArgumentException when a batch size is below 1 or seconds not positive
   */
  public static void run(
      String model,
      ExecutionProvider provider,
      int intraOpThreads,
      List<Integer> batches,
      double seconds,
      PrintWriter out)
      throws InferenceException {
    if (batches.isEmpty() || batches.stream().anyMatch(b -> b < 1)) {
      throw new IllegalArgumentException("--batch-sizes must all be >= 1, got " + batches);
    }
    if (!(seconds > 0)) {
      throw new IllegalArgumentException("--seconds must be > 0, got " + seconds);
    }
    out.printf(
        Locale.ROOT,
        "machine: %d cores, %s, load average %s%n",
        Machine.cores(),
        Machine.cpuModel(),
        Machine.loadAverage());
    try (OnnxInferenceEngine engine =
        OnnxInferenceEngine.open(
            EngineStage.engineConfig(
                model, provider, intraOpThreads, false, EngineConfig.DEFAULT_DYNAMIC_BLOCK_BASE))) {
      header(out, engine, intraOpThreads);
      BenchImages images = BenchImages.generate(8, BenchSuite.IMAGE_WIDTH, BenchSuite.IMAGE_HEIGHT);
      ImagePreprocessor preprocessor =
          new ImagePreprocessor(PreprocessProfile.CAFFE_BGR, ImageLimits.DEFAULT, DecoderMode.AUTO);
      int max = Collections.max(batches);
      EngineStage stage =
          new EngineStage(engine, List.of(Tensors.preprocessed(images, preprocessor, max)));
      for (int batch : batches) {
        row(out, stage.measure(batch, seconds));
      }
    }
    out.printf(Locale.ROOT, "load average at end: %s%n", Machine.loadAverage());
  }

  private static void header(PrintWriter out, OnnxInferenceEngine engine, int intraOpThreads)
      throws InferenceException {
    ModelInfo info = engine.model();
    out.printf(
        Locale.ROOT,
        "onnxruntime %s, provider %s%s, intra-op threads %s%n",
        OnnxInferenceEngine.runtimeVersion(),
        engine.provider(),
        engine.fellBack() ? " (fell back from CUDA)" : "",
        intraOpThreads == 0 ? "ORT default (one per core)" : Integer.toString(intraOpThreads));
    out.printf(
        Locale.ROOT,
        "model: %s (sha256 %s), %d classes, %s batch%n%n",
        info.name(),
        info.sha256(),
        info.classes(),
        info.fixedBatch() ? "fixed (run image by image)" : "dynamic");
    out.printf(
        Locale.ROOT,
        "%6s %6s %16s %10s %10s %14s%n",
        "batch",
        "runs",
        "median ms/batch",
        "ms/image",
        "images/s",
        "cpu ms/image");
  }

  private static void row(PrintWriter out, EngineStage.Measured m) {
    Throughput t = m.throughput();
    out.printf(
        Locale.ROOT,
        "%6d %6d %16.1f %10.2f %10.1f %14.2f%s%n",
        t.batch(),
        m.runs(),
        m.medianMs(),
        m.medianMs() / t.batch(),
        t.imagesPerSecond(),
        t.cpuMsPerImage(),
        t.settings().containsKey("timed out") ? "  (timed out)" : "");
    out.flush();
  }
}
