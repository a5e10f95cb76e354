package googlenet.streams.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * The service ({@code Main run --config FILE}) in a separate JVM on the test classpath, so a test
 * can kill it hard. Output goes to a log file next to the config.
 */
public final class ServiceProcess implements AutoCloseable {
  private final Process process;
  private final Path log;

  private ServiceProcess(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  /** Writes {@code config} to {@code dir/service.properties} and starts the service on it. */
  public static ServiceProcess start(Path dir, Map<String, String> config, String name)
      throws IOException {
    Path file = dir.resolve("service.properties");
    Properties props = new Properties();
    props.putAll(config);
    try (OutputStream out = Files.newOutputStream(file)) {
      props.store(out, "written by " + ServiceProcess.class.getSimpleName());
    }
    Path log = dir.resolve(name + ".log");
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    ProcessBuilder builder =
        new ProcessBuilder(
            List.of(
                java.toString(),
                "-Xmx512m",
                "-cp",
                System.getProperty("java.class.path"),
                "googlenet.streams.cli.Main",
                "run",
                "--config",
                file.toString()));
    builder.redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().keySet().removeIf(k -> k.startsWith("GNS_") || k.startsWith("KAFKA_"));
    return new ServiceProcess(builder.start(), log);
  }

  /** True while the JVM runs. */
  public boolean isAlive() {
    return process.isAlive();
  }

  /** Kills the JVM like {@code kill -9} and waits for it to die. */
  public void killHard() throws InterruptedException {
    process.destroyForcibly();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      throw new IllegalStateException("service process did not die within 30 s of kill -9");
    }
  }

  /** The process's output so far, for failure messages. */
  public String output() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return "(cannot read " + log + ": " + e.getMessage() + ")";
    }
  }

  /** Stops the JVM with SIGTERM (a clean shutdown), forcibly after 30 s. */
  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }
}
