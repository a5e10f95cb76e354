package googlenet.streams.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/** Expands the {@code produce} command's paths into files, and guesses media types. */
final class ImageFiles {
  private static final Map<String, String> CONTENT_TYPES =
      Map.of(
          "jpg", "image/jpeg",
          "jpeg", "image/jpeg",
          "png", "image/png",
          "gif", "image/gif",
          "bmp", "image/bmp",
          "webp", "image/webp");

  /** The files found, in order, and the paths that could not be read with the reason. */
  record Expansion(List<Path> files, List<String> problems) {}

  private ImageFiles() {}

  /**
   * Files as given, and the regular non-hidden files under directories (recursively, sorted).
   * Nonexistent and unreadable paths become problems; the rest is still expanded.
   */
  static Expansion expand(List<Path> paths) {
    List<Path> files = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (Path path : paths) {
      if (Files.isDirectory(path)) {
        walk(path, files, problems);
      } else if (!Files.exists(path)) {
        problems.add(path + ": no such file or directory");
      } else if (!Files.isReadable(path)) {
        problems.add(path + ": not readable (check its permissions)");
      } else {
        files.add(path);
      }
    }
    return new Expansion(List.copyOf(files), List.copyOf(problems));
  }

  private static void walk(Path dir, List<Path> files, List<String> problems) {
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.filter(Files::isRegularFile)
          .filter(p -> !p.getFileName().toString().startsWith("."))
          .sorted()
          .forEach(files::add);
    } catch (IOException | RuntimeException e) {
      problems.add(dir + ": cannot list directory (" + e.getMessage() + ")");
    }
  }

  /** {@code image/jpeg} and friends from the file extension, or null when unknown. */
  static String contentType(Path file) {
    String name = file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return dot < 0 ? null : CONTENT_TYPES.get(name.substring(dot + 1).toLowerCase(Locale.ROOT));
  }
}
