package googlenet.streams.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.Consumer;
import org.testcontainers.containers.output.OutputFrame;

/**
 * Writes a container's output to {@code target/container-logs/<name>.log}, where CI keeps it for a
 * failed run (the test log stays readable; the service logs a line per event).
 */
final class ContainerLogFile implements Consumer<OutputFrame> {
  private final Path file;

  ContainerLogFile(String name) {
    this.file = Path.of("target", "container-logs", name + ".log");
    try {
      Files.createDirectories(file.getParent());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + file.getParent(), e);
    }
  }

  @Override
  public void accept(OutputFrame frame) {
    if (frame.getType() == OutputFrame.OutputType.END) {
      return;
    }
    try {
      Files.writeString(
          file,
          frame.getUtf8String(),
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
