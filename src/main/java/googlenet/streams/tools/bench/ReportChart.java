package googlenet.streams.tools.bench;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** {@code bench.png}: throughput bars above a latency CDF, titled with model and machine. */
final class ReportChart {
  /** Width of the PNG in pixels. */
  static final int WIDTH = 1200;

  /** Height of each of the two charts; the PNG is twice as high. */
  static final int PART_HEIGHT = 600;

  private ReportChart() {}

  static BufferedImage render(BenchReport report) {
    Header h = report.header();
    String where = h.model() + " on " + h.cores() + " cores, " + h.cpuModel();
    BufferedImage image = new BufferedImage(WIDTH, 2 * PART_HEIGHT, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, WIDTH, 2 * PART_HEIGHT);
      g.drawImage(BitmapEncoder.getBufferedImage(throughput(report, where)), 0, 0, null);
      g.drawImage(BitmapEncoder.getBufferedImage(latency(report, where)), 0, PART_HEIGHT, null);
    } finally {
      g.dispose();
    }
    return image;
  }

  private static CategoryChart throughput(BenchReport report, String where) {
    CategoryChart chart =
        new CategoryChartBuilder()
            .width(WIDTH)
            .height(PART_HEIGHT)
            .title("Throughput, images/s (" + where + ")")
            .xAxisTitle("figure")
            .yAxisTitle("images/s")
            .build();
    chart.getStyler().setLegendVisible(false);
    chart.getStyler().setXAxisLabelRotation(30);
    chart.getStyler().setLabelsVisible(true);
    chart.getStyler().setDecimalPattern("#0.0");
    chart.getStyler().setChartBackgroundColor(Color.WHITE);
    List<String> names = new ArrayList<>();
    List<Double> values = new ArrayList<>();
    for (Figure f : report.figures()) {
      names.add(f.id());
      values.add(f.imagesPerSecond());
    }
    if (names.isEmpty()) {
      names.add("none");
      values.add(0.0);
    }
    chart.addSeries("images/s", names, values);
    return chart;
  }

  private static XYChart latency(BenchReport report, String where) {
    XYChart chart =
        new XYChartBuilder()
            .width(WIDTH)
            .height(PART_HEIGHT)
            .title("Latency CDF, produce to readable (" + where + ")")
            .xAxisTitle("latency (ms)")
            .yAxisTitle("percentile (%)")
            .build();
    chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
    chart.getStyler().setYAxisMin(0.0);
    chart.getStyler().setYAxisMax(100.0);
    chart.getStyler().setChartBackgroundColor(Color.WHITE);
    double[] percent = new double[101];
    for (int p = 0; p <= 100; p++) {
      percent[p] = p;
    }
    for (Latency l : report.latencies()) {
      double[] ms = l.cdfMs().stream().mapToDouble(Double::doubleValue).toArray();
      String name =
          String.format(
              java.util.Locale.ROOT,
              "%.0f%% load (%.1f images/s)",
              l.loadFraction() * 100,
              l.offeredPerSecond());
      chart.addSeries(name, ms, percent).setMarker(SeriesMarkers.NONE);
    }
    if (report.latencies().isEmpty()) {
      chart.addSeries("not measured", new double[] {0}, new double[] {0});
    }
    return chart;
  }
}
