package googlenet.streams.cli;

import googlenet.streams.config.GnsConfig;
import googlenet.streams.config.GnsKeys;
import googlenet.streams.image.PreprocessProfile;
import googlenet.streams.inference.ExecutionProvider;
import googlenet.streams.inference.InferenceException;
import googlenet.streams.inference.SchedulerMetrics;
import googlenet.streams.model.ModelSource;
import googlenet.streams.service.Pipeline;
import googlenet.streams.service.StartupException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.common.config.ConfigException;
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
              + " model file if present, else ImageNet's synsets for a 1000-class model).")
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
    try (Pipeline pipeline = Pipeline.open(config(err), SchedulerMetrics.NONE)) {
      return new ClassifyBatches(pipeline.classifier(), 2 * batchSize)
              .classify(files, spec.commandLine().getOut())
          ? ALL_LABELLED
          : SOME_REJECTED;
    } catch (IllegalArgumentException | ConfigException | StartupException e) {
      err.println("classify: " + e.getMessage());
      return USAGE_OR_MODEL_ERROR;
    } catch (InferenceException e) {
      err.println("classify: the inference engine failed: " + e.getMessage());
      return USAGE_OR_MODEL_ERROR;
    } finally {
      err.flush();
    }
  }

  /** The service configuration the options describe, checked with the options' own names. */
  private GnsConfig config(PrintWriter err) {
    if (topK < 1) {
      throw new IllegalArgumentException("--top-k must be >= 1, got " + topK);
    }
    if (batchSize < 1) {
      throw new IllegalArgumentException("--batch-size must be >= 1, got " + batchSize);
    }
    ExecutionProvider.fromId(provider);
    PreprocessProfile.fromId(profile);
    if (!List.of("auto", "always", "never").contains(softmax)) {
      throw new IllegalArgumentException(
          "unknown --softmax '" + softmax + "'; use one of auto, always, never");
    }
    if (model == null) {
      err.println(
          "classify: no --model given, using the synthetic GoogLeNet: its weights are random, so"
              + " its labels are meaningless; run 'model fetch --dir DIR' for the pretrained"
              + " model and pass --model DIR/<model>.onnx");
    }
    Map<String, String> keys = new HashMap<>();
    keys.put(GnsKeys.MODEL_PATH, model == null ? ModelSource.SYNTHETIC : model);
    if (labels != null) {
      keys.put(GnsKeys.LABELS_PATH, labels.toString());
    }
    keys.put(GnsKeys.TOP_K, Integer.toString(topK));
    keys.put(GnsKeys.EXECUTION_PROVIDER, provider);
    keys.put(GnsKeys.CUDA_DEVICE_ID, Integer.toString(deviceId));
    cudaOptions.forEach((k, v) -> keys.put(GnsKeys.CUDA_OPTION_PREFIX + k, v));
    keys.put(GnsKeys.SOFTMAX, softmax);
    keys.put(GnsKeys.PREPROCESS_PROFILE, profile);
    keys.put(GnsKeys.BATCH_MAX_SIZE, Integer.toString(batchSize));
    keys.put(GnsKeys.MODEL_WARMUP, "false");
    return GnsConfig.fromMap(keys);
  }
}
