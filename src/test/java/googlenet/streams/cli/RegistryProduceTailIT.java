package googlenet.streams.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import googlenet.streams.testing.BrokerKind;
import googlenet.streams.testing.KafkaBrokers;
import googlenet.streams.testing.RegistryServer;
import googlenet.streams.testing.RequiresRegistry;
import googlenet.streams.testing.TestBroker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code produce --schema-registry} writes registry framing with the schema under {@code
 * <topic>-value}; {@code tail} decodes both framings, and says what it needs for registry framing
 * when no registry is given.
 */
@RequiresRegistry
class RegistryProduceTailIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void shouldProduceRegistryFramingAndTailBothFramings(RegistryServer registry) throws Exception {
    Path a = Files.write(dir.resolve("a.jpg"), new byte[] {1, 2, 3});
    Path b = Files.write(dir.resolve("b.png"), new byte[] {4, 5});
    String topic = "images-cli-" + ProcessHandle.current().pid();
    try (TestBroker broker = KafkaBrokers.start(BrokerKind.EMBEDDED)) {
      broker.createTopic(topic, 1);
      String bootstrap = broker.bootstrapServers();

      CommandRun framed =
          CommandRun.of(
              "produce",
              "--bootstrap-servers",
              bootstrap,
              "--topic",
              topic,
              "--schema-registry",
              registry.url().toString(),
              a.toString());
      CommandRun plain =
          CommandRun.of(
              "produce", "--bootstrap-servers", bootstrap, "--topic", topic, b.toString());
      CommandRun tail =
          CommandRun.of(
              "tail",
              "--bootstrap-servers",
              bootstrap,
              "--topic",
              topic,
              "--from-beginning",
              "--max",
              "2",
              "--schema-registry",
              registry.url().toString());
      CommandRun tailWithoutRegistry =
          CommandRun.of(
              "tail",
              "--bootstrap-servers",
              bootstrap,
              "--topic",
              topic,
              "--from-beginning",
              "--max",
              "1");

      assertThat(framed.exitCode()).as(framed.err()).isZero();
      assertThat(plain.exitCode()).as(plain.err()).isZero();
      int id = registry.get("/subjects/" + topic + "-value/versions/latest").get("id").asInt();
      List<JsonNode> lines = json(tail);
      assertThat(lines).hasSize(2);
      assertThat(lines.get(0).get("schemaId").asInt()).isEqualTo(id);
      assertThat(lines.get(0).at("/image/id").asText()).isEqualTo("a.jpg");
      assertThat(lines.get(0).at("/image/image/bytes").asInt()).isEqualTo(3);
      assertThat(lines.get(1).has("schemaId")).isFalse();
      assertThat(lines.get(1).at("/image/id").asText()).isEqualTo("b.png");
      JsonNode unknown = json(tailWithoutRegistry).get(0);
      assertThat(unknown.get("schemaId").asInt()).isEqualTo(id);
      assertThat(unknown.at("/unknown/error").asText())
          .contains("schema id " + id)
          .contains("--schema-registry");
    }
  }

  @Test
  void shouldRefuseABadRegistryUrlBeforeSendingAnything() throws Exception {
    Path a = Files.write(dir.resolve("a.jpg"), new byte[] {1});

    CommandRun run =
        CommandRun.of(
            "produce",
            "--bootstrap-servers",
            "127.0.0.1:1",
            "--schema-registry",
            "registry:8081",
            a.toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("schema.registry.url").contains("registry:8081");
  }

  private static List<JsonNode> json(CommandRun run) throws Exception {
    assertThat(run.exitCode()).as(run.err()).isZero();
    List<JsonNode> nodes = new ArrayList<>();
    for (String line : run.outLines()) {
      nodes.add(JSON.readTree(line));
    }
    return nodes;
  }
}
