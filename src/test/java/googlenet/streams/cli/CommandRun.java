package googlenet.streams.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine;

/**
 * One run of the command line with captured standard output and error.
 *
 * @param exitCode the exit status
 * @param out what the command printed to standard output
 * @param err what the command printed to standard error
 */
record CommandRun(int exitCode, String out, String err) {

  /** Runs {@code Main}'s command line with these arguments. */
  static CommandRun of(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = Main.newCommandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int code = cli.execute(args);
    return new CommandRun(code, out.toString(), err.toString());
  }

  /** The non-empty lines of standard output. */
  List<String> outLines() {
    return Arrays.stream(out.split("\n")).filter(line -> !line.isBlank()).toList();
  }
}
