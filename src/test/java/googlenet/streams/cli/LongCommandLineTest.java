package googlenet.streams.cli;

import static org.assertj.core.api.Assertions.assertThat;

import googlenet.streams.testing.TestModels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ONNX Runtime 1.29.0 crashed the JVM (SIGSEGV, exit 139) when the process command line was longer
 * than ~3.9 KB, e.g. {@code classify} with a few hundred files. Runs a real JVM.
 */
class LongCommandLineTest {
  @TempDir Path dir;

  @Test
  void shouldClassifyWithACommandLineOfTwelveKilobytes() throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of("-Xmx512m", "-cp", System.getProperty("java.class.path")));
    command.add(Main.class.getName());
    command.addAll(List.of("classify", "--model", TestModels.small().toString()));
    for (int i = 0; i < 300; i++) {
      command.add(dir.resolve(String.format("missing-camera-frame-%04d.jpg", i)).toString());
    }
    Path out = dir.resolve("out.txt");
    Process process =
        new ProcessBuilder(command)
            .redirectOutput(out.toFile())
            .redirectError(dir.resolve("err.txt").toFile())
            .start();

    boolean finished = process.waitFor(120, TimeUnit.SECONDS);
    if (!finished) {
      process.destroyForcibly();
    }

    assertThat(finished).isTrue();
    assertThat(String.join(" ", command).length()).isGreaterThan(12_000);
    assertThat(process.exitValue()).as(stderr()).isEqualTo(1);
    assertThat(Files.readAllLines(out)).hasSize(300).allMatch(l -> l.contains("\"unreadable\""));
  }

  private String stderr() throws IOException {
    return Files.readString(dir.resolve("err.txt"));
  }
}
