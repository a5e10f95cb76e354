package googlenet.streams.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class ProgressTest {

  @Test
  void shouldDrawAFullBarWhenEveryItemIsDone() {
    StringWriter out = new StringWriter();
    Progress progress = new Progress(2, new PrintWriter(out), true);

    progress.advance(1000);
    progress.advance(2048);
    progress.finish();

    assertThat(out.toString()).contains("[" + "#".repeat(30) + "] 2/2 3.0 KB");
    assertThat(progress.done()).isEqualTo(2);
    assertThat(progress.bytes()).isEqualTo(3048);
  }

  @Test
  void shouldPrintNothingWithoutATerminal() {
    StringWriter out = new StringWriter();
    Progress progress = new Progress(1, new PrintWriter(out), false);

    progress.advance(10);
    progress.finish();

    assertThat(out.toString()).isEmpty();
    assertThat(progress.done()).isEqualTo(1);
  }

  @Test
  void shouldFormatByteCountsForPeople() {
    assertThat(Progress.humanBytes(512)).isEqualTo("512 B");
    assertThat(Progress.humanBytes(1536)).isEqualTo("1.5 KB");
    assertThat(Progress.humanBytes(5 * 1024 * 1024)).isEqualTo("5.0 MB");
  }
}
