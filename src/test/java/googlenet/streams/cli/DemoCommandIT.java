package googlenet.streams.cli;

import static org.assertj.core.api.Assertions.assertThat;

import googlenet.streams.tools.fixtures.SampleImages;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The README's first command, run in-process on its own in-JVM broker. */
class DemoCommandIT {

  @Test
  void shouldAccountForEveryPublishedRecordAndExitZero() {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = Main.newCommandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));

    int status = cli.execute("demo", "--images", "12");

    int broken = SampleImages.broken().size() + 1;
    assertThat(status).as("exit status; stderr:%n%s%nstdout:%n%s", err, out).isZero();
    assertThat(out.toString())
        .contains("Classifications (12):")
        .contains("Dead letters (" + broken + "):")
        .contains(
            "Summary: "
                + (12 + broken)
                + " published, 12 classified, "
                + broken
                + " dead-lettered, 0 unaccounted for, 0 duplicated")
        .contains("sample-001.jpg")
        .contains("broken-png-bomb")
        .contains("too-many-pixels")
        .contains("labels are meaningless")
        .contains("model fetch --dir models");
  }

  @Test
  void shouldRefuseAMissingModelFileWithExitTwo() {
    StringWriter err = new StringWriter();
    CommandLine cli = Main.newCommandLine();
    cli.setOut(new PrintWriter(new StringWriter(), true));
    cli.setErr(new PrintWriter(err, true));

    int status = cli.execute("demo", "--model", "no/such/model.onnx");

    assertThat(status).isEqualTo(2);
    assertThat(err.toString()).contains("no/such/model.onnx").contains("model fetch");
  }
}
