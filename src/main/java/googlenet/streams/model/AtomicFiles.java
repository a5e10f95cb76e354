package googlenet.streams.model;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Writes files so that readers see either nothing or the whole file, never a partial one. */
final class AtomicFiles {
  private AtomicFiles() {}

  /** Writes {@code bytes} to a temporary file beside {@code out}, then moves it into place. */
  static void write(Path out, byte[] bytes) throws IOException {
    Path target = out.toAbsolutePath();
    Files.createDirectories(target.getParent());
    Path temp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
    try {
      Files.write(temp, bytes);
      move(temp, target);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /** Moves {@code temp} onto {@code target}, atomically where the file system allows it. */
  static void move(Path temp, Path target) throws IOException {
    try {
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
