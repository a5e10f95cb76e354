package googlenet.streams.tools.bench;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.internal.ChartBuilder;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * {@code bench.png}: throughput bars above a latency CDF, titled with model and machine; and {@code
 * bench-cpu.png}: CPU ms/image per figure, stacked by part.
 */
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

  /**
   * {@code bench-cpu.png}: CPU ms/image of every figure with a split, stacked by part (inference,
   * decode + preprocess, Kafka + exactly-once, in-JVM broker). A negative remainder is drawn as 0.
   */
  static BufferedImage renderCpu(BenchReport report) {
    Header h = report.header();
    CategoryChart chart =
        bars(
            "CPU ms/image by part ("
                + h.model()
                + " on "
                + h.cores()
                + " cores, "
                + h.cpuModel()
                + ")",
            "CPU ms/image");
    chart.getStyler().setStacked(true);
    chart.getStyler().setLegendVisible(true);
    chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
    chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
    chart.getStyler().setLabelsVisible(false);
    List<Figure> split = report.figures().stream().filter(f -> f.cpu() != null).toList();
    List<String> names =
        new ArrayList<>(
            split.stream()
                .map(f -> f.id() + (f.cpu().decodeMs() == null ? " (decode in remainder)" : ""))
                .toList());
    if (names.isEmpty()) {
      names.add("none");
    }
    series(chart, "inference", names, split, CpuSplit::stackedInferenceMs);
    series(chart, "decode + preprocess", names, split, c -> c.decodeMs());
    series(chart, "Kafka + exactly-once (remainder)", names, split, c -> c.kafkaMs());
    series(chart, "in-JVM broker", names, split, c -> c.brokerMs());
    series(chart, "JIT compiler (warm-up)", names, split, c -> c.jitMs());
    return BitmapEncoder.getBufferedImage(chart);
  }

  private static void series(
      CategoryChart chart,
      String name,
      List<String> names,
      List<Figure> split,
      Function<CpuSplit, Double> part) {
    List<Double> values = new ArrayList<>();
    for (Figure f : split) {
      Double v = part.apply(f.cpu());
      values.add(v == null ? 0.0 : Math.max(0.0, v));
    }
    if (values.isEmpty()) {
      values.add(0.0);
    }
    chart.addSeries(name, names, values);
  }

  private static CategoryChart throughput(BenchReport report, String where) {
    CategoryChart chart = bars("Throughput, images/s (" + where + ")", "images/s");
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

  /** {@code builder} at the width and height of one part of the PNG, titled. */
  private static <B extends ChartBuilder<B, ?>> B sized(B builder, String title) {
    return builder.width(WIDTH).height(PART_HEIGHT).title(title);
  }

  /** A bar chart of one part's size, figures on the x axis, labels on the bars. */
  private static CategoryChart bars(String title, String yTitle) {
    CategoryChart chart =
        sized(new CategoryChartBuilder(), title).xAxisTitle("figure").yAxisTitle(yTitle).build();
    chart.getStyler().setLegendVisible(false);
    chart.getStyler().setXAxisLabelRotation(30);
    chart.getStyler().setLabelsVisible(true);
    chart.getStyler().setDecimalPattern("#0.0");
    chart.getStyler().setChartBackgroundColor(Color.WHITE);
    return chart;
  }

  private static XYChart latency(BenchReport report, String where) {
    XYChart chart =
        sized(new XYChartBuilder(), "Latency CDF, produce to readable (" + where + ")")
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
