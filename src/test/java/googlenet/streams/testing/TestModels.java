package googlenet.streams.testing;

import googlenet.streams.model.SyntheticGoogLeNet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Synthetic GoogLeNet models for tests, generated once per JVM into {@code target/test-models/}
 * (seed 42). Thread-safe; safe across forked JVMs too (files appear by atomic move).
 */
public final class TestModels {
  private static final long SEED = 42L;
  private static final Path DIR = Path.of("target", "test-models").toAbsolutePath();
  private static final Map<String, Path> GENERATED = new ConcurrentHashMap<>();

  private TestModels() {}

  /** Width/8 synthetic model, batch dimension symbolic ("N"): fast, for most tests. */
  public static Path small() {
    return model(8, false);
  }

  /**
   * Width/8 synthetic model with other weights (seed {@code seed}): another model of the same
   * shape.
   */
  public static Path small(long seed) {
    Path file = DIR.resolve(String.format(Locale.ROOT, "googlenet-w8-s%d.onnx", seed));
    return GENERATED.computeIfAbsent(
        file.getFileName().toString(), n -> generate(file, 8, seed, false));
  }

  /** Full-width synthetic model (6,998,552 parameters, ~28 MB). */
  public static Path full() {
    return model(1, false);
  }

  /** Width/8 synthetic model with the batch fixed at 1, like the model zoo's googlenet-12. */
  public static Path fixedBatchSmall() {
    return model(8, true);
  }

  private static Path model(int widthDivisor, boolean fixedBatch) {
    String name =
        String.format(
            Locale.ROOT,
            "googlenet-w%d-s%d%s.onnx",
            widthDivisor,
            SEED,
            fixedBatch ? "-fixed" : "");
    return GENERATED.computeIfAbsent(
        name, n -> generate(DIR.resolve(n), widthDivisor, SEED, fixedBatch));
  }

  private static Path generate(Path file, int widthDivisor, long seed, boolean fixedBatch) {
    try {
      Files.createDirectories(file.getParent());
      SyntheticGoogLeNet.write(file, widthDivisor, seed, fixedBatch);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write test model " + file, e);
    }
  }
}
