package googlenet.streams.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Copies a response body to a file while hashing it, up to a byte limit. A watchdog closes the body
 * when no bytes arrive for {@code stallLimit}, so a stalled connection ends the download instead of
 * hanging it (the HTTP client has no read timeout of its own).
 */
final class BodyCopy {
  private static final int BUFFER_BYTES = 64 * 1024;

  private final URI uri;
  private final Duration stallLimit;
  private final AtomicLong lastProgress = new AtomicLong(System.nanoTime());
  private final AtomicBoolean stalled = new AtomicBoolean();

  BodyCopy(URI uri, Duration stallLimit) {
    this.uri = uri;
    this.stallLimit = stallLimit;
  }

  /**
   * Copies at most {@code limit} bytes of {@code in} to {@code out}, hashing them.
   *
   * @return how many bytes were copied
   * @throws FetchException if the connection stalls or breaks off
   * @throws IOException if {@code out} cannot be written
   */
  long copy(InputStream in, Path out, MessageDigest digest, long limit)
      throws FetchException, IOException {
    ScheduledExecutorService watchdog =
        Executors.newSingleThreadScheduledExecutor(BodyCopy::daemon);
    long period = Math.max(10, stallLimit.toMillis() / 4);
    watchdog.scheduleAtFixedRate(() -> closeIfStalled(in), period, period, TimeUnit.MILLISECONDS);
    long total = 0;
    byte[] buffer = new byte[BUFFER_BYTES];
    try (OutputStream file = Files.newOutputStream(out)) {
      for (int n = read(in, buffer, total); n >= 0 && total < limit; n = read(in, buffer, total)) {
        int kept = (int) Math.min(n, limit - total);
        file.write(buffer, 0, kept);
        digest.update(buffer, 0, kept);
        total += kept;
      }
    } finally {
      watchdog.shutdownNow();
    }
    return total;
  }

  private int read(InputStream in, byte[] buffer, long total) throws FetchException {
    int n;
    try {
      n = in.read(buffer);
    } catch (IOException e) {
      throw stalled.get() ? stall(total) : brokeOff(total, e);
    }
    if (stalled.get()) {
      throw stall(total);
    }
    lastProgress.set(System.nanoTime());
    return n;
  }

  private void closeIfStalled(InputStream in) {
    if (System.nanoTime() - lastProgress.get() > stallLimit.toNanos()
        && stalled.compareAndSet(false, true)) {
      try {
        in.close();
      } catch (IOException e) {
        // the reader sees the stall flag either way
      }
    }
  }

  private FetchException stall(long total) {
    return new FetchException(
        "download of "
            + uri
            + " stalled: no data for "
            + stallLimit.toSeconds()
            + " s after "
            + total
            + " bytes; the file was not kept. Retry, or raise --timeout");
  }

  private FetchException brokeOff(long total, IOException e) {
    return new FetchException(
        "download of "
            + uri
            + " broke off after "
            + total
            + " bytes ("
            + e
            + "); the file was not kept. Retry",
        e);
  }

  private static Thread daemon(Runnable task) {
    Thread thread = new Thread(task, "download-stall-watchdog");
    thread.setDaemon(true);
    return thread;
  }
}
