package googlenet.streams.tools.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Writes {@code bench.json}, {@code bench.md} and {@code bench.png} into a directory. */
public final class ReportFiles {
  /** The JSON report. */
  public static final String JSON = "bench.json";

  /** The Markdown table. */
  public static final String MARKDOWN = "bench.md";

  /** The chart. */
  public static final String CHART = "bench.png";

  private ReportFiles() {}

  /** Writes the three files into {@code dir} (created when missing); returns the Markdown. */
  public static String write(BenchReport report, Path dir) {
    try {
      Files.createDirectories(dir);
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .writeValue(dir.resolve(JSON).toFile(), report);
      String md = ReportMarkdown.render(report);
      Files.writeString(dir.resolve(MARKDOWN), md, StandardCharsets.UTF_8);
      if (!ImageIO.write(ReportChart.render(report), "png", dir.resolve(CHART).toFile())) {
        throw new IllegalStateException("no PNG writer in ImageIO");
      }
      return md;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot write the benchmark report to " + dir + " (" + e.getMessage() + ")", e);
    }
  }
}
