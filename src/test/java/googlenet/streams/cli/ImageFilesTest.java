package googlenet.streams.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFilesTest {
  @TempDir Path dir;

  @Test
  void shouldExpandDirectoriesRecursivelySortedWithoutHiddenFiles() throws Exception {
    Path sub = Files.createDirectories(dir.resolve("b-sub"));
    Files.write(dir.resolve("c.jpg"), new byte[] {1});
    Files.write(dir.resolve("a.png"), new byte[] {1});
    Files.write(dir.resolve(".DS_Store"), new byte[] {1});
    Files.write(sub.resolve("x.gif"), new byte[] {1});

    ImageFiles.Expansion expansion = ImageFiles.expand(List.of(dir));

    assertThat(expansion.files())
        .containsExactly(dir.resolve("a.png"), sub.resolve("x.gif"), dir.resolve("c.jpg"));
    assertThat(expansion.problems()).isEmpty();
  }

  @Test
  void shouldReportMissingPathsAndKeepTheRest() throws Exception {
    Path file = Files.write(dir.resolve("ok.jpg"), new byte[] {1});
    Path missing = dir.resolve("missing.jpg");

    ImageFiles.Expansion expansion = ImageFiles.expand(List.of(missing, file));

    assertThat(expansion.files()).containsExactly(file);
    assertThat(expansion.problems())
        .singleElement()
        .asString()
        .contains(missing.toString())
        .contains("no such file");
  }

  @Test
  void shouldGuessContentTypesFromExtensionsIgnoringCase() {
    assertThat(ImageFiles.contentType(Path.of("a.JPG"))).isEqualTo("image/jpeg");
    assertThat(ImageFiles.contentType(Path.of("a.jpeg"))).isEqualTo("image/jpeg");
    assertThat(ImageFiles.contentType(Path.of("dir.x/a.png"))).isEqualTo("image/png");
    assertThat(ImageFiles.contentType(Path.of("a.webp"))).isEqualTo("image/webp");
    assertThat(ImageFiles.contentType(Path.of("a.txt"))).isNull();
    assertThat(ImageFiles.contentType(Path.of("README"))).isNull();
  }
}
