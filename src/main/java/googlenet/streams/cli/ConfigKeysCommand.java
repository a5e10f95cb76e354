package googlenet.streams.cli;

import googlenet.streams.config.GnsKeys;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code config keys}: every key with its environment variable, default and meaning. */
@Command(
    name = "keys",
    mixinStandardHelpOptions = true,
    description = "Print every configuration key, its environment variable, default and meaning.")
final class ConfigKeysCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().getOut().print(GnsKeys.markdownTable());
    spec.commandLine().getOut().flush();
    return 0;
  }
}
