package googlenet.streams.cli;

import static org.assertj.core.api.Assertions.assertThat;

import googlenet.streams.config.GnsKeys;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ConfigCommandTest {
  @TempDir Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int check(Map<String, String> env, String... args) {
    ConfigCheckCommand command = new ConfigCheckCommand();
    command.options.env = env;
    CommandLine cli = new CommandLine(command);
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }

  @Test
  void shouldPrintTheGeneratedTableOfKeys() {
    CommandRun run = CommandRun.of("config", "keys");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).isEqualTo(GnsKeys.markdownTable());
  }

  @Test
  void shouldAcceptAValidFileAndEnvironmentAndSayWhatItWillUse() throws Exception {
    Path config =
        Files.writeString(dir.resolve("gns.properties"), "input.topic=cameras\ntop.k=3\n");

    int status =
        check(
            Map.of("KAFKA_BOOTSTRAP_SERVERS", "kafka:9092", "GNS_MODEL_PATH", "synthetic-small"),
            "--config",
            config.toString());

    assertThat(status).as(err.toString()).isZero();
    assertThat(out.toString())
        .contains("configuration OK")
        .contains("bootstrap.servers=kafka:9092")
        .contains("input.topic=cameras")
        .contains("model.path=synthetic-small");
  }

  @Test
  void shouldNameEveryBadKeyAndVariableAtOnce() throws Exception {
    Path config =
        Files.writeString(
            dir.resolve("gns.properties"), "batch.max.size=zero\ntop.k=0\nbatch.max.dealy.ms=5\n");

    int status =
        check(
            Map.of("KAFKA_BOOTSTRAP_SERVERS", "kafka:9092", "GNS_BATCH_SIZE", "8"),
            "--config",
            config.toString());

    assertThat(status).isEqualTo(2);
    assertThat(err.toString())
        .contains("4 problems")
        .contains("batch.max.size")
        .contains("zero")
        .contains("top.k")
        .contains("did you mean batch.max.delay.ms")
        .contains("did you mean GNS_BATCH_MAX_SIZE");
  }

  @Test
  void shouldNameTheModelAndLabelFilesThatCannotBeRead() throws Exception {
    Path model = dir.resolve("no-model.onnx");
    Path labels = dir.resolve("no-synset.txt");

    int status =
        check(
            Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", "kafka:9092",
                "GNS_MODEL_PATH", model.toString(),
                "GNS_LABELS_PATH", labels.toString()));

    assertThat(status).isEqualTo(2);
    assertThat(err.toString())
        .contains("2 problems")
        .contains("model.path " + model)
        .contains("labels.path " + labels);
  }

  @Test
  void shouldNameTheMissingBrokerSetting() {
    int status = check(Map.of());

    assertThat(status).isEqualTo(2);
    assertThat(err.toString()).contains("bootstrap.servers").contains("KAFKA_BOOTSTRAP_SERVERS");
  }

  @Test
  void shouldAskForASubcommand() {
    CommandRun run = CommandRun.of("config");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("keys or check");
  }
}
