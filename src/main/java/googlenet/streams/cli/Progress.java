package googlenet.streams.cli;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * Progress of a long command: a one-line bar redrawn on a terminal, nothing otherwise (the command
 * prints a summary line at the end either way). Thread-safe: producer callbacks advance it.
 */
final class Progress {
  private static final int WIDTH = 30;

  private final int total;
  private final PrintWriter out;
  private final boolean bar;
  private final long startNanos = System.nanoTime();
  private int done;
  private long bytes;
  private long lastDrawNanos;

  Progress(int total, PrintWriter out, boolean bar) {
    this.total = total;
    this.out = out;
    this.bar = bar;
  }

  /** A bar when the JVM has a console (an interactive terminal), silent otherwise. */
  static Progress forConsole(int total, PrintWriter out) {
    return new Progress(total, out, System.console() != null);
  }

  /** Counts one finished item of {@code size} bytes. */
  synchronized void advance(long size) {
    done++;
    bytes += size;
    long now = System.nanoTime();
    if (bar && (done == total || now - lastDrawNanos > 100_000_000L)) {
      lastDrawNanos = now;
      draw();
    }
  }

  /** Ends the bar's line. */
  synchronized void finish() {
    if (bar && total > 0) {
      draw();
      out.println();
    }
  }

  private void draw() {
    int filled = total == 0 ? WIDTH : (int) ((long) done * WIDTH / total);
    out.print(
        String.format(
            Locale.ROOT,
            "\r[%s%s] %d/%d %s",
            "#".repeat(filled),
            " ".repeat(WIDTH - filled),
            done,
            total,
            humanBytes(bytes)));
    out.flush();
  }

  synchronized int done() {
    return done;
  }

  int total() {
    return total;
  }

  synchronized long bytes() {
    return bytes;
  }

  double elapsedSeconds() {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  /** 1234567 -> "1.2 MB". */
  static String humanBytes(long n) {
    if (n < 1024) {
      return n + " B";
    }
    if (n < 1024 * 1024) {
      return String.format(Locale.ROOT, "%.1f KB", n / 1024.0);
    }
    return String.format(Locale.ROOT, "%.1f MB", n / (1024.0 * 1024));
  }
}
