package googlenet.streams.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The Node.js programs of {@code src/test/js/registry-interop} (a producer and a consumer on
 * Confluent's JavaScript serdes), copied to {@code target/registry-interop} and installed there
 * with {@code npm ci} once per lock file (the npm registry comes from npm's own configuration).
 */
public final class NodeInterop {
  /** The programs' sources. */
  public static final Path SOURCES = Path.of("src", "test", "js", "registry-interop");

  private static final Path WORK = Path.of("target", "registry-interop");
  private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(5);

  private NodeInterop() {}

  /** The result of one program run. */
  public record Run(int exitCode, List<String> stdout, String stderr) {}

  /** What this machine lacks to run the programs (Node.js 18+ and npm), or empty. */
  public static Optional<String> missing() {
    String why = "the JavaScript interop tests need Node.js 18 or newer and npm on the PATH";
    try {
      Run node =
          exec(List.of("node", "--version"), List.of(), Duration.ofSeconds(30), Path.of("."));
      Run npm = exec(List.of("npm", "--version"), List.of(), Duration.ofSeconds(60), Path.of("."));
      int major = Integer.parseInt(node.stdout().get(0).replaceAll("^v(\\d+).*", "$1"));
      if (node.exitCode() != 0 || npm.exitCode() != 0 || major < 18) {
        return Optional.of(why + " (found node " + node.stdout() + ", npm " + npm.stdout() + ")");
      }
      return Optional.empty();
    } catch (IOException | RuntimeException e) {
      return Optional.of(why + " (" + e.getMessage() + ")");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.of(why + " (interrupted)");
    }
  }

  /**
   * Copies the programs to {@code target/registry-interop} and runs {@code npm ci} there unless the
   * installed modules match the lock file already.
   *
   * @throws IllegalStateException with npm's output when the install fails
   */
  public static synchronized Path prepare() throws IOException, InterruptedException {
    Files.createDirectories(WORK);
    try (Stream<Path> files = Files.list(SOURCES)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        Files.copy(file, WORK.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
      }
    }
    Path stamp = WORK.resolve("node_modules").resolve(".gns-lock-sha256");
    String lock = sha256(Files.readAllBytes(WORK.resolve("package-lock.json")));
    if (Files.isRegularFile(stamp) && Files.readString(stamp).equals(lock)) {
      return WORK;
    }
    List<String> install = List.of("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error");
    Run run = exec(install, List.of(), INSTALL_TIMEOUT, WORK);
    if (run.exitCode() != 0) {
      throw new IllegalStateException(
          "npm ci in " + WORK + " failed (" + run.exitCode() + "): " + run.stderr());
    }
    Files.writeString(stamp, lock);
    return WORK;
  }

  /**
   * Runs {@code node <script> <args>} in the prepared folder with {@code stdin} lines as input.
   *
   * @throws IllegalStateException when it does not end within {@code timeout}
   */
  public static Run node(String script, List<String> args, List<String> stdin, Duration timeout)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("node", script));
    command.addAll(args);
    return exec(command, stdin, timeout, prepare());
  }

  private static Run exec(List<String> command, List<String> stdin, Duration timeout, Path dir)
      throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).directory(dir.toFile()).start();
    CompletableFuture<String> out = read(process.getInputStream());
    CompletableFuture<String> err = read(process.getErrorStream());
    try (OutputStream in = process.getOutputStream()) {
      for (String line : stdin) {
        in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
      }
    }
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException(
          String.join(" ", command)
              + " did not end within "
              + timeout
              + "; stderr: "
              + err.getNow(""));
    }
    List<String> lines = out.join().lines().filter(l -> !l.isBlank()).toList();
    return new Run(process.exitValue(), lines, err.join());
  }

  private static CompletableFuture<String> read(java.io.InputStream stream) {
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
          } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
          }
        });
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
