package googlenet.streams.deploy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The exec-form command of deploy/Dockerfile's {@code HEALTHCHECK}, read from the file: podman
 * builds OCI images, which drop HEALTHCHECK, and runs no health timers without systemd, so the
 * tests run the command themselves to prove it works in the image.
 */
final class DockerfileHealthcheck {
  private static final Pattern CMD =
      Pattern.compile("(?s)^HEALTHCHECK\\b.*?\\bCMD\\s+(\\[.*?\\])\\s*$");

  private DockerfileHealthcheck() {}

  /** The command's arguments, e.g. {@code [bash, -c, ...]}. */
  static String[] command(Path dockerfile) {
    String text;
    try {
      text = Files.readString(dockerfile).replace("\\\n", " ");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + dockerfile, e);
    }
    for (String line : text.split("\n")) {
      Matcher m = CMD.matcher(line.strip());
      if (m.matches()) {
        try {
          return new ObjectMapper().readValue(m.group(1), String[].class);
        } catch (IOException e) {
          throw new IllegalStateException(
              dockerfile + ": HEALTHCHECK CMD is not a JSON array: " + m.group(1), e);
        }
      }
    }
    throw new IllegalStateException(dockerfile + " has no exec-form HEALTHCHECK ... CMD [...]");
  }
}
