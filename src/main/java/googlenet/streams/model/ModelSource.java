package googlenet.streams.model;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Turns a model option value into a model file: {@code synthetic} (full-width synthetic GoogLeNet,
 * seed 42), {@code synthetic-small} (width/8, seed 42), or the path of an existing ONNX file.
 *
 * <p>Synthetic models are generated once into the cache directory ({@code $GNS_CACHE_DIR} if set,
 * else {@code ${java.io.tmpdir}/googlenet-streams-models}) and reused; concurrent threads and
 * processes are safe because each file appears by atomic move.
 */
public final class ModelSource {
  /** The spec of the full-width synthetic model. */
  public static final String SYNTHETIC = "synthetic";

  /** The spec of the width/8 synthetic model. */
  public static final String SYNTHETIC_SMALL = "synthetic-small";

  /** Seed of the synthetic models named by spec. */
  public static final long SEED = 42L;

  private ModelSource() {}

  /**
   * Resolves a model spec to a readable file.
   *
   * @throws IllegalArgumentException if the spec is neither a synthetic name nor a readable file
   * @throws UncheckedIOException if a synthetic model cannot be written to the cache
   */
  public static Path resolve(String spec) {
    String name = spec == null ? "" : spec.strip();
    switch (name.toLowerCase(Locale.ROOT)) {
      case SYNTHETIC:
        return synthetic(1);
      case SYNTHETIC_SMALL:
        return synthetic(8);
      default:
        return existingFile(name);
    }
  }

  /** True when {@code spec} names a synthetic model rather than a file. */
  public static boolean isSynthetic(String spec) {
    String name = spec == null ? "" : spec.strip();
    return name.equalsIgnoreCase(SYNTHETIC) || name.equalsIgnoreCase(SYNTHETIC_SMALL);
  }

  /** The cache directory for generated models. */
  public static Path cacheDir() {
    String env = System.getenv("GNS_CACHE_DIR");
    if (env != null && !env.isBlank()) {
      return Path.of(env);
    }
    return Path.of(System.getProperty("java.io.tmpdir"), "googlenet-streams-models");
  }

  /** The cached synthetic model of this width divisor and seed 42, generated if missing. */
  static Path synthetic(int widthDivisor) {
    return cached(cacheDir(), widthDivisor, SEED);
  }

  /** A synthetic model in {@code dir}, generated if missing; the name carries divisor and seed. */
  static Path cached(Path dir, int widthDivisor, long seed) {
    Path file =
        dir.resolve(
            String.format(Locale.ROOT, "googlenet-synthetic-v1-w%d-s%d.onnx", widthDivisor, seed));
    try {
      if (!Files.isRegularFile(file) || Files.size(file) == 0) {
        SyntheticGoogLeNet.write(file, widthDivisor, seed, false);
      }
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot write the synthetic model to "
              + file
              + " ("
              + e.getMessage()
              + "); set GNS_CACHE_DIR to a writable directory",
          e);
    }
  }

  private static Path existingFile(String spec) {
    if (spec.isEmpty()) {
      throw new IllegalArgumentException(
          "model is empty; give an ONNX file path, 'synthetic' or 'synthetic-small'");
    }
    Path path = Path.of(spec);
    if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
      throw new IllegalArgumentException(
          "model '"
              + spec
              + "' is not a readable file; give an ONNX file path, 'synthetic' or"
              + " 'synthetic-small', or download the pretrained model with 'model fetch --dir DIR'");
    }
    return path;
  }
}
