package googlenet.streams.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.common.errors.RecordTooLargeException;

/** Counts the {@code produce} command's sends as the producer acknowledges them. */
final class SendTally {
  private final Progress progress;
  private final PrintWriter err;
  private final AtomicInteger sent = new AtomicInteger();
  private final AtomicInteger failed = new AtomicInteger();

  SendTally(Progress progress, PrintWriter err) {
    this.progress = progress;
    this.err = err;
  }

  /** The callback of one file's send: advances the progress or reports the failure. */
  Callback callback(Path file, long size) {
    return (metadata, exception) -> {
      if (exception == null) {
        sent.incrementAndGet();
        progress.advance(size);
      } else {
        fail();
        err.println("produce: could not send " + file + ": " + explain(exception));
      }
    };
  }

  private static String explain(Exception e) {
    if (e instanceof RecordTooLargeException) {
      return e.getMessage()
          + " (raise the topic's max.message.bytes and the broker's message.max.bytes, or send a"
          + " smaller image)";
    }
    return e.getMessage();
  }

  void fail() {
    failed.incrementAndGet();
  }

  int sent() {
    return sent.get();
  }

  int failed() {
    return failed.get();
  }
}
