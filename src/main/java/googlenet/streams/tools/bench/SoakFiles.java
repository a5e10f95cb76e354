package googlenet.streams.tools.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import googlenet.streams.config.GnsKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/** Writes {@code soak.json} and {@code soak.png}, and the summary {@code bench soak} prints. */
public final class SoakFiles {
  /** The series and the drift. */
  public static final String JSON = "soak.json";

  /** The chart. */
  public static final String CHART = "soak.png";

  /** Every file written. */
  public static final List<String> NAMES = List.of(JSON, CHART);

  private SoakFiles() {}

  /** Writes the files into {@code dir} (created when missing). */
  public static void write(SoakReport report, Path dir) {
    try {
      Files.createDirectories(dir);
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .writeValue(dir.resolve(JSON).toFile(), report);
      if (!ImageIO.write(SoakChart.render(report), "png", dir.resolve(CHART).toFile())) {
        throw new IllegalStateException("no PNG writer in ImageIO");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot write the soak report to " + dir + " (" + e.getMessage() + ")", e);
    }
  }

  /** The summary: what ran, the results, and the drift of each figure. */
  public static String summary(SoakReport r) {
    Header h = r.header();
    StringBuilder b = new StringBuilder();
    line(b, "machine: %d cores, %s; %s", h.cores(), h.cpuModel(), h.jvm());
    line(
        b,
        "model: %s (%s), onnxruntime %s, kafka %s",
        h.model(),
        h.modelSpec(),
        h.onnxRuntime(),
        h.kafka());
    line(b, "load average: %s at start, %s at end", h.loadAverageStart(), h.loadAverageEnd());
    h.settings().entrySet().stream()
        .filter(
            e -> e.getKey().startsWith("--set ") || e.getKey().equals(GnsKeys.INTRA_OP_SPINNING))
        .forEach(e -> line(b, "%s: %s", e.getKey(), e.getValue()));
    line(
        b,
        "engine ceiling %.1f images/s, pipeline capacity %.1f images/s, offered %.1f images/s"
            + " (%.0f%%) for %.1f min",
        r.engineCeilingPerSecond(),
        r.pipelineCapacityPerSecond(),
        r.offeredPerSecond(),
        r.load() * 100,
        r.minutes());
    line(
        b,
        "results: %s, duplicates %d, samples %d",
        r.results(),
        r.duplicates(),
        r.samples().size());
    SoakDrift d = r.drift();
    if (d == null) {
      line(b, "drift: too few samples");
      return b.toString();
    }
    line(
        b,
        "drift, last quarter against the first after a warm-up of %d samples (%d per quarter):",
        d.warmUpSamples(),
        d.quarterSamples());
    change(b, "RSS, MiB", d.rss());
    change(b, "heap after GC, MiB", d.heapAfterGc());
    if (d.heapLive() != null) {
      change(b, "live heap, MiB", d.heapLive());
    }
    change(b, "direct buffers, MiB", d.direct());
    change(b, "native proxy, MiB", d.nativeProxy());
    change(b, "CPU ms/image", d.cpuMsPerImage());
    change(b, "  of it in-JVM broker", d.brokerMsPerImage());
    change(b, "  of it decode", d.decodeMsPerImage());
    change(b, "  of it JIT compiler", d.jitMsPerImage());
    change(b, "  of it inference", d.inferenceMsPerImage());
    change(b, "p99 latency, ms", d.p99());
    line(
        b,
        "  p99 noise (larger interquartile range of the quarters' interval p99s): %.0f ms; %s",
        d.p99NoiseMs(),
        d.p99BeyondNoise() ? "the p99 moved beyond it" : "the p99 moved within it");
    return b.toString();
  }

  private static void change(StringBuilder b, String name, SoakDrift.Change c) {
    line(b, "  %-22s %9.1f -> %9.1f  (%+.1f%%)", name, c.first(), c.last(), c.percent());
  }

  private static void line(StringBuilder b, String format, Object... args) {
    b.append(String.format(Locale.ROOT, format, args)).append('\n');
  }
}
