package googlenet.streams.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code bench} command group. {@code bench inference} measures raw ONNX Runtime throughput and
 * preprocessing cost. The end-to-end pipeline benchmark (Kafka in, labels out; issue 5) is to be
 * added as another subcommand of this group, and may become what plain {@code bench} runs.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = "Benchmarks (reports, not tests). Subcommands: inference.",
    subcommands = {BenchInferenceCommand.class})
final class BenchCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    // Issue 5: the pipeline benchmark goes here (or as a 'pipeline' subcommand above).
    spec.commandLine().getErr().println("bench: choose a benchmark, e.g. 'bench inference'");
    spec.commandLine().usage(spec.commandLine().getErr());
    return 2;
  }
}
