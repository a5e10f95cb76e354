package googlenet.streams.cli;

import googlenet.streams.model.Checksums;
import googlenet.streams.model.SyntheticGoogLeNet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code model synth}: writes the synthetic GoogLeNet. */
@Command(
    name = "synth",
    mixinStandardHelpOptions = true,
    description = {
      "Write a GoogLeNet (BVLC Inception v1 topology) with deterministic random weights:",
      "input data_0 [N,3,224,224], output prob_1 [N,1000]. Same seed, same bytes.",
      "Its labels are meaningless; use it to test and measure the pipeline."
    })
final class ModelSynthCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--out", required = true, paramLabel = "FILE", description = "File to write.")
  Path out;

  @Option(
      names = "--width-divisor",
      defaultValue = "1",
      paramLabel = "D",
      description = "Divide every channel count by D (1 = full, ~28 MB; 8 = fast, ~0.9 MB).")
  int widthDivisor;

  @Option(
      names = "--seed",
      defaultValue = "42",
      description = "Weight seed (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--fixed-batch",
      description = "Fix the batch at 1 with a Reshape to [1,C], like the model zoo's file.")
  boolean fixedBatch;

  @Override
  public Integer call() {
    if (widthDivisor < 1) {
      throw new ParameterException(
          spec.commandLine(),
          "--width-divisor must be >= 1, got " + widthDivisor + "; use 1 (full) or 8 (fast)");
    }
    try {
      SyntheticGoogLeNet.write(out, widthDivisor, seed, fixedBatch);
      spec.commandLine()
          .getOut()
          .printf(
              "wrote %s: %d bytes, sha256 %s, width divisor %d, seed %d, batch %s%n",
              out,
              Files.size(out),
              Checksums.sha256(out),
              widthDivisor,
              seed,
              fixedBatch ? "1" : "N");
      return 0;
    } catch (IOException e) {
      spec.commandLine().getErr().printf("cannot write %s: %s; choose a writable path%n", out, e);
      return 1;
    }
  }
}
