package googlenet.streams.cli;

import googlenet.streams.model.BatchPatcher;
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
      "Outputs per image are unchanged. An already batchable model is copied as it is."
    })
final class ModelPrepareCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--in", required = true, paramLabel = "FILE", description = "Model to read.")
  Path in;

  @Option(names = "--out", required = true, paramLabel = "FILE", description = "Model to write.")
  Path out;

  @Override
  public Integer call() {
    if (!Files.isRegularFile(in)) {
      throw new ParameterException(
          spec.commandLine(), "--in " + in + " is not a file; give the .onnx model to prepare");
    }
    PrintWriter stdout = spec.commandLine().getOut();
    try {
      BatchPatcher.Result result = BatchPatcher.prepare(in, out);
      if (result.unchanged()) {
        stdout.printf("%s is already batchable; wrote it unchanged to %s%n", in, out);
      } else {
        result.changes().forEach(change -> stdout.println("changed " + change));
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
