package googlenet.streams.cli;

import googlenet.streams.config.GnsConfig;
import googlenet.streams.config.InvalidConfigurationException;
import googlenet.streams.model.ModelSource;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.kafka.common.config.ConfigException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code config check}: reads a properties file and the environment exactly as {@code run} does,
 * and names every problem {@code run} would stop at: invalid or unknown keys and variables, a
 * missing {@code bootstrap.servers}, a model or label file that cannot be read. Connects to
 * nothing.
 */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    description = {
      "Check a configuration file plus the environment as 'run' reads them, without connecting.",
      "Exit status: 0 valid, 2 some problem (each one printed)."
    })
final class ConfigCheckCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin ConfigOptions options = new ConfigOptions();

  @Override
  public Integer call() {
    List<String> problems = new ArrayList<>();
    GnsConfig config = null;
    try {
      config = options.load();
    } catch (InvalidConfigurationException e) {
      problems.addAll(e.problems());
    } catch (ConfigException e) {
      problems.add(e.getMessage());
    }
    if (config != null) {
      problems.addAll(files(config));
    }
    return report(config, problems);
  }

  /** The model and label files {@code run} would read, when they cannot be. */
  private static List<String> files(GnsConfig config) {
    List<String> problems = new ArrayList<>();
    String spec = config.modelSpec();
    if (!ModelSource.isSynthetic(spec) && !Files.isReadable(Path.of(spec))) {
      problems.add(
          "model.path "
              + spec
              + " is not a readable file; give an ONNX file, 'synthetic' or 'synthetic-small'"
              + " (see 'googlenet-streams model fetch')");
    }
    config
        .labelsPath()
        .filter(labels -> !Files.isReadable(labels))
        .ifPresent(
            labels ->
                problems.add(
                    "labels.path "
                        + labels
                        + " is not a readable file; fix the path or leave it empty"));
    return problems;
  }

  private int report(GnsConfig config, List<String> problems) {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (problems.isEmpty()) {
      out.printf(
          "configuration OK: bootstrap.servers=%s, application.id=%s, input.topic=%s,"
              + " output.topic=%s, model.path=%s%n",
          config.streamsProperties().getProperty("bootstrap.servers"),
          config.streamsProperties().getProperty("application.id"),
          config.inputTopic(),
          config.outputTopic(),
          config.modelSpec());
      out.flush();
      return 0;
    }
    err.printf("config check: %d problem%s:%n", problems.size(), problems.size() == 1 ? "" : "s");
    problems.forEach(p -> err.println("  - " + p));
    err.flush();
    return 2;
  }
}
