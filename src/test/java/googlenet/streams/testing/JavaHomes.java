package googlenet.streams.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Finds an installed JDK or JRE of at least a given feature version, for tools that need one. */
public final class JavaHomes {
  private static final Pattern VERSION = Pattern.compile("JAVA_VERSION=\"(\\d+)");

  private JavaHomes() {}

  /**
   * The first Java home of at least {@code feature}: {@code $preferredVar}, then {@code
   * $JAVA_HOME}, then the JVM running the tests, then {@code /usr/lib/jvm/*} (newest first).
   */
  public static Optional<Path> find(int feature, String preferredVar) {
    List<Path> candidates = new ArrayList<>();
    Optional.ofNullable(System.getenv(preferredVar)).map(Path::of).ifPresent(candidates::add);
    Optional.ofNullable(System.getenv("JAVA_HOME")).map(Path::of).ifPresent(candidates::add);
    candidates.add(Path.of(System.getProperty("java.home")));
    candidates.addAll(installed(Path.of("/usr/lib/jvm")));
    return candidates.stream().filter(home -> feature(home) >= feature).findFirst();
  }

  /** The feature version in {@code home}/release (25 for 25.0.1), or 0 when unreadable. */
  public static int feature(Path home) {
    try {
      Matcher m = VERSION.matcher(Files.readString(home.resolve("release")));
      return m.find() && Files.isExecutable(home.resolve("bin/java"))
          ? Integer.parseInt(m.group(1))
          : 0;
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  private static List<Path> installed(Path dir) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> homes = Files.list(dir)) {
      return homes
          .filter(Files::isDirectory)
          .sorted(Comparator.comparingInt(JavaHomes::feature).reversed())
          .toList();
    } catch (IOException e) {
      return List.of();
    }
  }
}
