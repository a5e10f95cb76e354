package googlenet.streams.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import googlenet.streams.testing.RegistryServer;
import googlenet.streams.testing.RequiresRegistry;
import googlenet.streams.tools.fixtures.SampleImages;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The demo against a real schema registry: pictures published and results written in the registry's
 * framing, every record still accounted for.
 */
@RequiresRegistry
class RegistryDemoIT {

  @Test
  void shouldAccountForEveryRecordInTheRegistryFraming(RegistryServer registry) throws Exception {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = Main.newCommandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));

    int status =
        cli.execute(
            "demo",
            "--images",
            "6",
            "--model",
            "synthetic-small",
            "--schema-registry",
            registry.url().toString());

    int broken = SampleImages.broken().size() + 1;
    assertThat(status).as("exit status; stderr:%n%s%nstdout:%n%s", err, out).isZero();
    assertThat(out.toString())
        .contains("(schema registry framing, registry " + registry.url() + ")")
        .contains(
            "Summary: "
                + (6 + broken)
                + " published, 6 classified, "
                + broken
                + " dead-lettered, 0 unaccounted for, 0 duplicated");
    List<String> subjects = new ArrayList<>();
    for (JsonNode s : registry.get("/subjects")) {
      subjects.add(s.asText());
    }
    assertThat(subjects).contains("images-value", "classifications-value");
  }
}
