package googlenet.streams.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelSourceTest {

  @Test
  void shouldGenerateTheCachedSyntheticModelOnceAndReuseIt(@TempDir Path dir) throws Exception {
    Path first = ModelSource.cached(dir, 16, 42);
    FileTime written = FileTime.fromMillis(1_000_000L);
    Files.setLastModifiedTime(first, written);

    Path second = ModelSource.cached(dir, 16, 42);

    assertThat(second).isEqualTo(first);
    assertThat(first.getFileName().toString()).contains("w16").contains("s42");
    assertThat(Files.getLastModifiedTime(second)).isEqualTo(written);
    assertThat(Checksums.sha256(second))
        .isEqualTo(Checksums.sha256(SyntheticGoogLeNet.build(16, 42, false)));
  }

  @Test
  void shouldResolveSyntheticSmallToTheWidthEightSeed42Model() throws Exception {
    Path model = ModelSource.resolve("synthetic-small");

    assertThat(Checksums.sha256(model))
        .isEqualTo(Checksums.sha256(SyntheticGoogLeNet.build(8, 42, false)));
  }

  @Test
  void shouldResolveAnExistingFileToItself(@TempDir Path dir) throws Exception {
    Path file = Files.write(dir.resolve("model.onnx"), new byte[] {1});

    assertThat(ModelSource.resolve(file.toString())).isEqualTo(file);
  }

  @Test
  void shouldRefuseAMissingFileNamingItAndTheAlternatives(@TempDir Path dir) {
    String missing = dir.resolve("nope.onnx").toString();

    assertThatThrownBy(() -> ModelSource.resolve(missing))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(missing)
        .hasMessageContaining("synthetic-small")
        .hasMessageContaining("model fetch");
  }

  @Test
  void shouldRefuseADirectory(@TempDir Path dir) {
    assertThatThrownBy(() -> ModelSource.resolve(dir.toString()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(dir.toString());
  }
}
