package googlenet.streams.tools.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * Writes {@code bench.json}, {@code bench.md}, {@code bench.png} and {@code bench-cpu.png} into a
 * directory.
 */
public final class ReportFiles {
  /** The JSON report. */
  public static final String JSON = "bench.json";

  /** The Markdown table. */
  public static final String MARKDOWN = "bench.md";

  /** The chart: throughput and latency. */
  public static final String CHART = "bench.png";

  /** The chart of CPU ms/image by part. */
  public static final String CPU_CHART = "bench-cpu.png";

  /** Every file written, in order. */
  public static final List<String> NAMES = List.of(JSON, MARKDOWN, CHART, CPU_CHART);

  private ReportFiles() {}

  /** Writes the files into {@code dir} (created when missing); returns the Markdown. */
  public static String write(BenchReport report, Path dir) {
    try {
      Files.createDirectories(dir);
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .writeValue(dir.resolve(JSON).toFile(), report);
      String md = ReportMarkdown.render(report);
      Files.writeString(dir.resolve(MARKDOWN), md, StandardCharsets.UTF_8);
      png(ReportChart.render(report), dir.resolve(CHART));
      png(ReportChart.renderCpu(report), dir.resolve(CPU_CHART));
      return md;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot write the benchmark report to " + dir + " (" + e.getMessage() + ")", e);
    }
  }

  private static void png(BufferedImage image, Path file) throws IOException {
    if (!ImageIO.write(image, "png", file.toFile())) {
      throw new IllegalStateException("no PNG writer in ImageIO");
    }
  }
}
