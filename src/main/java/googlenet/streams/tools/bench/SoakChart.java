package googlenet.streams.tools.bench;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.function.Function;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * {@code soak.png}: three charts over the soak's time, one above the other: memory (RSS, heap after
 * GC, direct buffers, native proxy), latency (interval p50 and p99), and throughput with GC time.
 */
final class SoakChart {
  /** Width of the PNG in pixels. */
  static final int WIDTH = 1200;

  /** Height of each chart; the PNG is three times as high. */
  static final int PART_HEIGHT = 400;

  private SoakChart() {}

  static BufferedImage render(SoakReport report) {
    Header h = report.header();
    String where =
        String.format(
            java.util.Locale.ROOT,
            "%s, %.0f%% load (%.1f images/s), %s cores, %s",
            h.model(),
            report.load() * 100,
            report.offeredPerSecond(),
            h.cores(),
            h.cpuModel());
    List<SoakSample> s = report.samples();
    XYChart memory = chart("Memory, MiB (" + where + ")", "MiB");
    add(memory, s, "RSS", SoakSample::rssMb);
    add(memory, s, "heap after GC", SoakSample::heapAfterGcMb);
    live(memory, s);
    add(memory, s, "direct buffers", SoakSample::directMb);
    add(memory, s, "native (RSS - heap/non-heap committed - direct)", SoakSample::nativeMb);
    XYChart latency = chart("Latency of each interval, ms", "ms");
    add(latency, s, "p99", x -> x.p99Ms() == null ? Double.NaN : x.p99Ms());
    add(latency, s, "p50", x -> x.p50Ms() == null ? Double.NaN : x.p50Ms());
    XYChart rate = chart("Throughput (images/s) and GC time (ms) of each interval", "");
    add(rate, s, "images/s", SoakSample::imagesPerSecond);
    add(rate, s, "GC ms", SoakSample::gcPauseMs);
    BufferedImage image = new BufferedImage(WIDTH, 3 * PART_HEIGHT, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, WIDTH, 3 * PART_HEIGHT);
      int y = 0;
      for (XYChart c : List.of(memory, latency, rate)) {
        g.drawImage(BitmapEncoder.getBufferedImage(c), 0, y, null);
        y += PART_HEIGHT;
      }
    } finally {
      g.dispose();
    }
    return image;
  }

  private static XYChart chart(String title, String yTitle) {
    XYChart chart =
        new XYChartBuilder()
            .width(WIDTH)
            .height(PART_HEIGHT)
            .title(title)
            .xAxisTitle("seconds since the load began")
            .yAxisTitle(yTitle)
            .build();
    chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
    chart.getStyler().setChartBackgroundColor(Color.WHITE);
    chart.getStyler().setYAxisMin(0.0);
    return chart;
  }

  /** The live heap at the forced full collections, as points. */
  private static void live(XYChart chart, List<SoakSample> samples) {
    List<SoakSample> forced = samples.stream().filter(x -> x.heapLiveMb() != null).toList();
    if (forced.isEmpty()) {
      return;
    }
    double[] x = forced.stream().mapToDouble(SoakSample::seconds).toArray();
    double[] y = forced.stream().mapToDouble(SoakSample::heapLiveMb).toArray();
    chart.addSeries("live heap (after a forced full GC)", x, y).setMarker(SeriesMarkers.CIRCLE);
  }

  private static void add(
      XYChart chart, List<SoakSample> samples, String name, Function<SoakSample, Double> value) {
    double[] x = samples.stream().mapToDouble(SoakSample::seconds).toArray();
    double[] y = samples.stream().mapToDouble(v -> value.apply(v)).toArray();
    if (x.length == 0) {
      x = new double[] {0};
      y = new double[] {0};
    }
    chart.addSeries(name, x, y).setMarker(SeriesMarkers.NONE);
  }
}
