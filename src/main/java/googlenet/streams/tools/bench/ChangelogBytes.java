package googlenet.streams.tools.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Bytes an application wrote to its changelog topics, read from the in-JVM broker's log directory:
 * the work the durable buffer adds, counted rather than timed.
 */
final class ChangelogBytes {
  private ChangelogBytes() {}

  /** Sum of the {@code .log} segment sizes of {@code <applicationId>-*-changelog-<p>}. */
  static long of(Path logDir, String applicationId) {
    try (Stream<Path> dirs = Files.list(logDir)) {
      return dirs.filter(d -> isChangelog(d.getFileName().toString(), applicationId))
          .mapToLong(ChangelogBytes::segmentBytes)
          .sum();
    } catch (IOException e) {
      return -1;
    }
  }

  private static boolean isChangelog(String name, String applicationId) {
    return name.startsWith(applicationId + "-") && name.matches(".*-changelog-\\d+");
  }

  private static long segmentBytes(Path partitionDir) {
    try (Stream<Path> files = Files.list(partitionDir)) {
      return files
          .filter(f -> f.getFileName().toString().endsWith(".log"))
          .mapToLong(ChangelogBytes::size)
          .sum();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      return 0;
    }
  }
}
