package googlenet.streams.cli;

import googlenet.streams.image.DecoderMode;
import googlenet.streams.image.ImageLimits;
import googlenet.streams.image.ImagePreprocessor;
import googlenet.streams.image.PreprocessProfile;
import googlenet.streams.inference.EngineConfig;
import googlenet.streams.inference.ExecutionProvider;
import googlenet.streams.inference.InferenceException;
import googlenet.streams.inference.OnnxInferenceEngine;
import googlenet.streams.label.Labels;
import googlenet.streams.model.ModelSource;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * The {@code classify} command: labels image files and prints one JSON line per file. Exit status 0
 * when every file was labelled, 1 when any was rejected, 2 on usage or model errors.
 */
@Command(
    name = "classify",
    mixinStandardHelpOptions = true,
    description = {
      "Classify image files and print one JSON line per file, in input order.",
      "Exit status: 0 all labelled, 1 some file rejected, 2 usage or model error."
    })
final class ClassifyCommand implements Callable<Integer> {
  static final int ALL_LABELLED = 0;
  static final int SOME_REJECTED = 1;
  static final int USAGE_OR_MODEL_ERROR = 2;

  @Spec CommandSpec spec;

  @Option(
      names = "--model",
      paramLabel = "FILE|synthetic|synthetic-small",
      description = "ONNX model file, or a generated synthetic GoogLeNet (default: synthetic).")
  String model;

  @Option(
      names = "--labels",
      paramLabel = "FILE",
      description =
          "Synset file, one '<synset id> <label>' line per class (default: synset.txt beside the"
              + " model file if present, else classes are named by index).")
  Path labels;

  @Option(names = "--top-k", defaultValue = "5", description = "Classes per image (default: 5).")
  int topK;

  @Option(
      names = "--execution-provider",
      defaultValue = "cpu",
      paramLabel = "cpu|cuda|cuda-strict",
      description = "cuda falls back to the CPU with a warning; cuda-strict refuses to.")
  String provider;

  @Option(
      names = "--device-id",
      defaultValue = "0",
      description = "CUDA device id (default: 0; ignored on the CPU).")
  int deviceId;

  @Option(
      names = "--cuda-option",
      paramLabel = "KEY=VALUE",
      description =
          "CUDA provider option, repeatable, e.g. cudnn_conv_algo_search=HEURISTIC,"
              + " gpu_mem_limit=2147483648, arena_extend_strategy=kSameAsRequested.")
  Map<String, String> cudaOptions = Map.of();

  @Option(
      names = "--softmax",
      defaultValue = "auto",
      paramLabel = "auto|always|never",
      description =
          "Softmax the model's output: auto unless the graph ends in Softmax (default: auto).")
  String softmax;

  @Option(
      names = "--profile",
      defaultValue = "caffe-bgr",
      paramLabel = "caffe-bgr|torchvision-rgb",
      description = "Preprocessing profile (default: caffe-bgr, the model zoo's GoogLeNet).")
  String profile;

  @Option(
      names = "--batch-size",
      defaultValue = "8",
      description = "Images per ONNX Runtime run (default: 8).")
  int batchSize;

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "Image files.")
  List<Path> files;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    try {
      ClassifyRun run = prepare(err);
      try (OnnxInferenceEngine engine = OnnxInferenceEngine.open(run.engineConfig())) {
        Labels names = run.labels().orElseGet(() -> Labels.defaultFor(engine.model().classes()));
        checkLabelCount(names, engine.model().classes());
        return new ClassifyBatches(engine, run.preprocessor(), names, topK, batchSize)
                .classify(files, spec.commandLine().getOut())
            ? ALL_LABELLED
            : SOME_REJECTED;
      }
    } catch (IllegalArgumentException | UncheckedIOException | InferenceException e) {
      err.println("classify: " + e.getMessage());
      return USAGE_OR_MODEL_ERROR;
    } finally {
      err.flush();
    }
  }

  /** Everything resolved from the options before the engine opens. */
  private record ClassifyRun(
      EngineConfig engineConfig, ImagePreprocessor preprocessor, Optional<Labels> labels) {}

  private ClassifyRun prepare(PrintWriter err) {
    if (topK < 1) {
      throw new IllegalArgumentException("--top-k must be >= 1, got " + topK);
    }
    if (batchSize < 1) {
      throw new IllegalArgumentException("--batch-size must be >= 1, got " + batchSize);
    }
    ExecutionProvider ep = ExecutionProvider.fromId(provider);
    ImagePreprocessor preprocessor =
        new ImagePreprocessor(
            PreprocessProfile.fromId(profile), ImageLimits.DEFAULT, DecoderMode.AUTO);
    if (model == null) {
      err.println(
          "classify: no --model given, using the synthetic GoogLeNet: its weights are random, so"
              + " its labels are meaningless; run 'model fetch --dir DIR' for the pretrained"
              + " model and pass --model DIR/<model>.onnx");
    }
    Path file = ModelSource.resolve(model == null ? ModelSource.SYNTHETIC : model);
    EngineConfig config =
        new EngineConfig(
            file,
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            ep,
            deviceId,
            cudaOptions,
            0,
            0,
            softmaxMode(),
            false);
    return new ClassifyRun(config, preprocessor, loadLabels(file));
  }

  private EngineConfig.Softmax softmaxMode() {
    for (EngineConfig.Softmax mode : EngineConfig.Softmax.values()) {
      if (mode.name().equalsIgnoreCase(softmax)) {
        return mode;
      }
    }
    throw new IllegalArgumentException(
        "unknown --softmax '" + softmax + "'; use one of auto, always, never");
  }

  private Optional<Labels> loadLabels(Path modelFile) {
    Path file = labels;
    if (file == null) {
      Path beside = modelFile.toAbsolutePath().resolveSibling("synset.txt");
      if (!Files.isRegularFile(beside)) {
        return Optional.empty();
      }
      file = beside;
    }
    try {
      return Optional.of(Labels.load(file));
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "cannot read labels file '" + file + "' (" + e + "); pass a synset file with --labels",
          e);
    }
  }

  private static void checkLabelCount(Labels labels, int classes) {
    if (labels.size() != classes) {
      throw new IllegalArgumentException(
          "the labels file has "
              + labels.size()
              + " labels but the model has "
              + classes
              + " classes; pass the synset file that belongs to the model with --labels");
    }
  }
}
