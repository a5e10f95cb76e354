package googlenet.streams.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JavaHomesTest {
  @TempDir Path dir;

  @Test
  void shouldReadTheFeatureVersionFromTheReleaseFileOfAHomeWithAJavaLauncher() throws Exception {
    Path home = home("jdk-25", "JAVA_VERSION=\"25.0.1\"\nIMPLEMENTOR=\"Eclipse Adoptium\"\n", true);
    Path noLauncher = home("jre-21", "JAVA_VERSION=\"21.0.5\"\n", false);
    Path old = home("jdk-17", "JAVA_VERSION=\"17.0.15\"\n", true);

    assertThat(JavaHomes.feature(home)).isEqualTo(25);
    assertThat(JavaHomes.feature(noLauncher)).isZero();
    assertThat(JavaHomes.feature(old)).isEqualTo(17);
    assertThat(JavaHomes.feature(dir.resolve("missing"))).isZero();
  }

  private Path home(String name, String release, boolean launcher) throws Exception {
    Path home = Files.createDirectories(dir.resolve(name));
    Files.writeString(home.resolve("release"), release);
    if (launcher) {
      Path java = Files.createDirectories(home.resolve("bin")).resolve("java");
      Files.writeString(java, "#!/bin/sh\n");
      Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
    return home;
  }
}
