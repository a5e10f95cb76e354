package googlenet.streams.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code config}: the configuration reference and a check of a configuration. */
@Command(
    name = "config",
    mixinStandardHelpOptions = true,
    description = "Configuration: list the keys, or check a file and the environment.",
    subcommands = {ConfigKeysCommand.class, ConfigCheckCommand.class})
final class ConfigCommand implements java.util.concurrent.Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().getErr().println("config: give a subcommand: keys or check");
    spec.commandLine().usage(spec.commandLine().getErr());
    return 2;
  }
}
