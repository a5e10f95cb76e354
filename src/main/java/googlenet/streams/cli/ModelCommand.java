package googlenet.streams.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The {@code model} command group: synth, prepare, info, fetch. */
@Command(
    name = "model",
    mixinStandardHelpOptions = true,
    description =
        "Model files: synthesise, prepare for batching, inspect, fetch the pretrained one.",
    subcommands = {
      ModelSynthCommand.class,
      ModelPrepareCommand.class,
      ModelInfoCommand.class,
      ModelFetchCommand.class
    })
final class ModelCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().getErr().println("model: give a subcommand: synth, prepare, info or fetch");
    spec.commandLine().usage(spec.commandLine().getErr());
    return 2;
  }
}
