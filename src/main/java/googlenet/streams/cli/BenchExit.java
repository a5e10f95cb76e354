package googlenet.streams.cli;

import googlenet.streams.inference.InferenceException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import picocli.CommandLine.Model.CommandSpec;

/**
 * How the {@code bench} commands end: 0 when the run completes; 2 with the message when the input
 * is wrong (a bad option value, a model that cannot load, an unwritable directory); 1 with the
 * message when the run itself failed. Output is flushed either way.
 */
final class BenchExit {
  private BenchExit() {}

  /** A bench command's work, printing to {@code out}. */
  @FunctionalInterface
  interface Body {
    void run(PrintWriter out) throws InferenceException;
  }

  /** Runs {@code body} for {@code command} (e.g. {@code bench inference}) and returns the code. */
  static int of(String command, CommandSpec spec, Body body) {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      body.run(out);
      return 0;
    } catch (IllegalArgumentException | UncheckedIOException | InferenceException e) {
      err.println(command + ": " + e.getMessage());
      return 2;
    } catch (IllegalStateException e) {
      err.println(command + ": failed: " + e.getMessage());
      return 1;
    } finally {
      out.flush();
      err.flush();
    }
  }
}
