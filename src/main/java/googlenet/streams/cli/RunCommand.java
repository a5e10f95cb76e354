package googlenet.streams.cli;

import googlenet.streams.config.GnsConfig;
import googlenet.streams.service.ClassificationService;
import googlenet.streams.service.StartupException;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.kafka.common.config.ConfigException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code run} command: the long-running service. Configured by a properties file, environment
 * variables, or both (environment over file). Stops cleanly on SIGTERM or Ctrl-C: the stream
 * threads are closed (buffered images stay in their changelogged store), then the engine.
 */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
      "Run the long-running classification service.",
      "Configuration: --config FILE and/or environment variables (GNS_BATCH_MAX_SIZE sets"
          + " batch.max.size, KAFKA_BOOTSTRAP_SERVERS sets bootstrap.servers, ...).",
      "Exit status: 0 stopped on request, 1 stopped by a fatal error, 2 cannot start."
    })
final class RunCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin ConfigOptions options = new ConfigOptions();

  @Override
  public Integer call() throws InterruptedException {
    ClassificationService service;
    try {
      GnsConfig config = options.load();
      service = ClassificationService.create(config);
    } catch (ConfigException e) {
      spec.commandLine().getErr().println("run: invalid configuration: " + e.getMessage());
      return 2;
    } catch (StartupException e) {
      spec.commandLine().getErr().println("run: cannot start: " + e.getMessage());
      return 2;
    }
    Thread hook = new Thread(service::close, "gns-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    service.start();
    service.awaitStop();
    service.close();
    removeHook(hook);
    Optional<String> failure = service.failureMessage();
    if (failure.isPresent()) {
      spec.commandLine().getErr().println("run: stopped by a fatal error: " + failure.get());
      return 1;
    }
    return 0;
  }

  private static void removeHook(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // the JVM is already exiting: the hook is running or has run
    }
  }
}
