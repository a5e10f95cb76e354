package googlenet.streams.cli;

import googlenet.streams.model.BatchPatcher;
import googlenet.streams.model.PreprocessFuser;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code model prepare}: makes a fixed-batch-1 model batchable. */
@Command(
    name = "prepare",
    mixinStandardHelpOptions = true,
    description = {
      "Make a model whose batch is fixed at 1 (like the zoo's googlenet-12.onnx) accept any",
      "batch: symbolic batch dimension N, Reshape targets [1,C] -> [-1,C].",
      "Outputs per image are unchanged. An already batchable model is copied as it is.",
      "With --fuse-preprocess, the written model also takes uint8 RGB images [N,H,W,3] and",
      "resizes, normalises and transposes them itself (ONNX opset 18); the service feeds it uint8."
    })
final class ModelPrepareCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--in", required = true, paramLabel = "FILE", description = "Model to read.")
  Path in;

  @Option(names = "--out", required = true, paramLabel = "FILE", description = "Model to write.")
  Path out;

  @Option(
      names = "--fuse-preprocess",
      description =
          "Put the preprocessing (resize, mean/scale, BGR order, NHWC to NCHW) inside the model.")
  boolean fuse;

  @Option(
      names = "--input-size",
      paramLabel = "H,W",
      defaultValue = "224,224",
      description =
          "Size of the uint8 images the fused model takes (default ${DEFAULT-VALUE}: a quarter of"
              + " the float input's bytes; larger sizes are resized in the model).")
  String inputSize;

  @Option(
      names = "--profile",
      defaultValue = "caffe-bgr",
      description = "Preprocessing to fuse (default ${DEFAULT-VALUE}; only plain-resize profiles).")
  String profile;

  @Override
  public Integer call() {
    if (!Files.isRegularFile(in)) {
      throw new ParameterException(
          spec.commandLine(), "--in " + in + " is not a file; give the .onnx model to prepare");
    }
    PrintWriter stdout = spec.commandLine().getOut();
    try {
      BatchPatcher.Result result =
          fuse
              ? PreprocessFuser.prepare(
                  in, out, FusedPreprocessingOptions.parse(inputSize, profile))
              : BatchPatcher.prepare(in, out);
      result.changes().forEach(change -> stdout.println("changed " + change));
      if (fuse) {
        stdout.printf(
            "fused the %s preprocessing: input %s uint8 [N,%s,3]%nwrote batchable model %s%n",
            profile, PreprocessFuser.INPUT, inputSize, out);
      } else if (result.unchanged()) {
        stdout.printf("%s is already batchable; wrote it unchanged to %s%n", in, out);
      } else {
        stdout.printf("wrote batchable model %s%n", out);
      }
      return 0;
    } catch (IllegalArgumentException e) {
      spec.commandLine().getErr().println(e.getMessage());
      return 2;
    } catch (IOException e) {
      spec.commandLine().getErr().printf("cannot prepare %s -> %s: %s%n", in, out, e);
      return 1;
    }
  }
}
