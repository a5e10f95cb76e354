package googlenet.streams.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Usage errors of produce, found before any broker is contacted. */
class ProduceCommandTest {
  @TempDir Path dir;

  private final StringWriter err = new StringWriter();

  private int produce(String... args) {
    CommandLine cli = new CommandLine(new ProduceCommand());
    cli.setErr(new PrintWriter(err, true));
    cli.setOut(new PrintWriter(new StringWriter(), true));
    return cli.execute(args);
  }

  @Test
  void shouldRefuseAnIdForMoreThanOneFile() throws Exception {
    Path a = Files.write(dir.resolve("a.jpg"), new byte[] {1});
    Path b = Files.write(dir.resolve("b.jpg"), new byte[] {1});

    int status =
        produce("--bootstrap-servers", "127.0.0.1:1", "--id", "x", a.toString(), b.toString());

    assertThat(status).isEqualTo(2);
    assertThat(err.toString()).contains("--id x needs exactly one file, got 2");
  }

  @Test
  void shouldAskForBrokersWhenNoneAreGiven() throws Exception {
    Path a = Files.write(dir.resolve("a.jpg"), new byte[] {1});
    ProduceCommand command = new ProduceCommand();
    CommandLine cli = new CommandLine(command);
    cli.setErr(new PrintWriter(err, true));
    cli.parseArgs(a.toString());
    command.kafka.bootstrapServers = null; // as when KAFKA_BOOTSTRAP_SERVERS is unset

    int status = command.call();

    assertThat(status).isEqualTo(2);
    assertThat(err.toString()).contains("--bootstrap-servers").contains("KAFKA_BOOTSTRAP_SERVERS");
  }
}
