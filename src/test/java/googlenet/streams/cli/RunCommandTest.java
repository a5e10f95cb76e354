package googlenet.streams.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class RunCommandTest {
  @TempDir Path dir;

  private final StringWriter err = new StringWriter();

  private int run(Map<String, String> env, String... args) {
    RunCommand command = new RunCommand();
    command.options.env = env;
    CommandLine cli = new CommandLine(command);
    cli.setErr(new PrintWriter(err, true));
    cli.setOut(new PrintWriter(new StringWriter(), true));
    return cli.execute(args);
  }

  @Test
  void shouldExitTwoNamingTheVariableWhenNoBrokerIsConfigured() {
    int status = run(Map.of());

    assertThat(status).isEqualTo(2);
    assertThat(err.toString()).contains("bootstrap.servers").contains("KAFKA_BOOTSTRAP_SERVERS");
  }

  @Test
  void shouldExitTwoNamingTheModelWhenItDoesNotExistGivenOnlyEnvironmentVariables() {
    int status =
        run(
            Map.of(
                "KAFKA_BOOTSTRAP_SERVERS",
                "127.0.0.1:1",
                "GNS_MODEL_PATH",
                dir.resolve("missing.onnx").toString()));

    assertThat(status).isEqualTo(2);
    assertThat(err.toString()).contains("cannot start").contains("missing.onnx");
  }

  @Test
  void shouldExitTwoNamingTheKeyOfAnInvalidValueInTheFile() throws Exception {
    Path config = Files.writeString(dir.resolve("gns.properties"), "batch.max.size=zero\n");

    int status =
        run(Map.of("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:1"), "--config", config.toString());

    assertThat(status).isEqualTo(2);
    assertThat(err.toString()).contains("batch.max.size").contains("zero");
  }
}
