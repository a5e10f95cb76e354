package googlenet.streams.tools;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A temporary directory for a tool's run (Kafka Streams state), deleted with its content on close;
 * a leftover temporary directory is harmless, so deleting never fails.
 *
 * @param path the directory
 */
public record TempDir(Path path) implements AutoCloseable {

  /**
   * Creates a directory named {@code prefix...} in the system's temporary directory.
   *
   * @throws UncheckedIOException when it cannot be created
   */
  public static TempDir create(String prefix) {
    try {
      return new TempDir(Files.createTempDirectory(prefix));
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot create a temporary directory " + prefix + "* (" + e.getMessage() + ")", e);
    }
  }

  /** Deletes the directory and everything in it, as far as it can. */
  @Override
  public void close() {
    try (Stream<Path> paths = Files.walk(path)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      // a leftover temporary directory is harmless
    }
  }
}
