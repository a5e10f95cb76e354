package googlenet.streams.backfill;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code Main backfill ...} in a separate JVM on the test classpath, so a test can kill it hard.
 */
final class BackfillProcess implements AutoCloseable {
  private final Process process;
  private final Path log;

  private BackfillProcess(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  /** Starts {@code backfill <args>}, output to {@code log}. */
  static BackfillProcess start(Path log, List<String> args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of("-Xmx512m", "-cp", System.getProperty("java.class.path")));
    command.addAll(List.of("googlenet.streams.cli.Main", "backfill"));
    command.addAll(args);
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().keySet().removeIf(k -> k.startsWith("GNS_") || k.startsWith("KAFKA_"));
    return new BackfillProcess(builder.start(), log);
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** Kills the JVM like {@code kill -9} and waits for it to die. */
  void killHard() throws InterruptedException {
    process.destroyForcibly();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      throw new IllegalStateException("backfill process did not die within 30 s of kill -9");
    }
  }

  /** Waits for the exit, at most {@code seconds}; its exit code. */
  int awaitExit(long seconds) throws InterruptedException {
    if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
      throw new AssertionError("backfill did not exit within " + seconds + " s:\n" + output());
    }
    return process.exitValue();
  }

  String output() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return "(cannot read " + log + ": " + e.getMessage() + ")";
    }
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }
  }
}
