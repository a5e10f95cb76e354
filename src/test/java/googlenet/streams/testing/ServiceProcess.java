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
 * can kill it hard. Its output goes to {@code target/it-logs/<name>-<millis>.log}.
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
    return start(dir, config, name, "512m");
  }

  /** As {@link #start(Path, Map, String)} with a heap of at most {@code maxHeap} ({@code -Xmx}). */
  public static ServiceProcess start(
      Path dir, Map<String, String> config, String name, String maxHeap) throws IOException {
    Path file = dir.resolve("service.properties");
    Properties props = new Properties();
    props.putAll(config);
    try (OutputStream out = Files.newOutputStream(file)) {
      props.store(out, "written by " + ServiceProcess.class.getSimpleName());
    }
    Path logs = Files.createDirectories(Path.of("target", "it-logs"));
    Path log = logs.resolve(name + "-" + System.currentTimeMillis() + ".log");
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    ProcessBuilder builder =
        new ProcessBuilder(
            List.of(
                java.toString(),
                "-Xmx" + maxHeap,
                "-cp",
                System.getProperty("java.class.path"),
                "googlenet.streams.cli.Main",
                "run",
                "--config",
                file.toString()));
    builder.redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().keySet().removeIf(k -> k.startsWith("GNS_") || k.startsWith("KAFKA_"));
    Process process = builder.start();
    // A test JVM that dies must not leave a service running.
    Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
    return new ServiceProcess(process, log);
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

  /** The operating system's process id. */
  public long pid() {
    return process.pid();
  }

  /** The process's output so far, for failure messages. */
  public String output() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return "(cannot read " + log + ": " + e.getMessage() + ")";
    }
  }

  /**
   * Sends SIGTERM and waits up to 30 s for the JVM to exit.
   *
   * @return the exit status (143 after a SIGTERM), or -1 if it had to be killed
   */
  public int terminate() throws InterruptedException {
    process.destroy();
    if (process.waitFor(30, TimeUnit.SECONDS)) {
      return process.exitValue();
    }
    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    return -1;
  }

  /** Stops the JVM with SIGTERM (a clean shutdown), forcibly after 30 s. */
  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      terminate();
    }
  }
}
