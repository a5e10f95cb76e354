package googlenet.streams.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChecksumsTest {

  @Test
  void shouldMatchTheFipsTestVectorForAbc(@TempDir Path dir) throws Exception {
    Path file = Files.write(dir.resolve("abc"), "abc".getBytes(StandardCharsets.US_ASCII));

    assertThat(Checksums.sha256(file))
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  }

  @Test
  void shouldHashFilesLargerThanOneBufferLikeTheWholeBytes(@TempDir Path dir) throws Exception {
    byte[] bytes = new byte[200_003];
    new SplittableRandom(9).nextBytes(bytes);
    Path file = Files.write(dir.resolve("blob"), bytes);

    String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    assertThat(Checksums.sha256(file)).isEqualTo(expected).isEqualTo(Checksums.sha256(bytes));
  }
}
