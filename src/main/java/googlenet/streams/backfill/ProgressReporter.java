package googlenet.streams.backfill;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shows {@link BackfillProgress}: on a terminal a bar redrawn in place (done / total, rate, ETA);
 * elsewhere a log line every interval. The total counts offsets, an upper bound of the images
 * (compaction gaps and transaction markers take offsets too), and the bar says so.
 */
public final class ProgressReporter implements Consumer<BackfillProgress> {
  private static final Logger LOG = LoggerFactory.getLogger(ProgressReporter.class);
  private static final int WIDTH = 30;

  private final PrintWriter terminal;
  private final Duration logInterval;
  private long lastLogNanos;
  private boolean drawn;

  private ProgressReporter(PrintWriter terminal, Duration logInterval) {
    this.terminal = terminal;
    this.logInterval = logInterval;
  }

  /** A bar on {@code out} when the JVM has a console, else log lines every {@code interval}. */
  public static ProgressReporter forConsole(PrintWriter out, Duration interval) {
    return new ProgressReporter(System.console() != null ? out : null, interval);
  }

  @Override
  public synchronized void accept(BackfillProgress p) {
    if (terminal != null) {
      terminal.print("\r" + bar(p));
      terminal.flush();
      drawn = true;
      return;
    }
    long now = System.nanoTime();
    if (lastLogNanos == 0 || now - lastLogNanos >= logInterval.toNanos()) {
      lastLogNanos = now;
      LOG.info("backfill {}: {}", p.name(), line(p));
    }
  }

  /** Ends the bar's line, if one was drawn. */
  public synchronized void finish() {
    if (drawn) {
      terminal.println();
      terminal.flush();
    }
  }

  /** {@code [##### ] 1200/5000 offsets (upper bound of images) 52.3 images/s ETA 1m13s}. */
  static String bar(BackfillProgress p) {
    int filled = (int) Math.round(p.fraction() * WIDTH);
    return "[" + "#".repeat(filled) + " ".repeat(WIDTH - filled) + "] " + line(p);
  }

  static String line(BackfillProgress p) {
    return String.format(
        Locale.ROOT,
        "%d/%d offsets (total is an upper bound of the images), %.1f images/s, ETA %s",
        p.done(),
        p.total(),
        p.rate(),
        p.eta().map(ProgressReporter::human).orElse("-"));
  }

  /** 73 s -> "1m13s". */
  static String human(Duration d) {
    long s = d.toSeconds();
    if (s >= 3600) {
      return String.format(Locale.ROOT, "%dh%02dm", s / 3600, (s % 3600) / 60);
    }
    return s >= 60 ? String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60) : s + "s";
  }
}
