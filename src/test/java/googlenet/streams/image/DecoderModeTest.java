package googlenet.streams.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import googlenet.streams.testing.CapturedLog;
import googlenet.streams.tools.fixtures.SampleImages;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.Test;

/** What {@code image.decoder} does when the native library loads and when it does not. */
class DecoderModeTest {
  private static final NativeLibrary MISSING =
      NativeLibrary.unavailable("simulated: libjniopencv_core.so is not in the jar");

  private static ImagePreprocessor with(DecoderMode mode, NativeLibrary library) {
    return new ImagePreprocessor(
        PreprocessProfile.CAFFE_BGR, ImageLimits.DEFAULT, mode, library, true);
  }

  @Test
  void shouldParseTheConfiguredNamesAndRefuseOthers() {
    assertThat(DecoderMode.fromId("auto")).isEqualTo(DecoderMode.AUTO);
    assertThat(DecoderMode.fromId("native")).isEqualTo(DecoderMode.NATIVE);
    assertThat(DecoderMode.fromId("imageio")).isEqualTo(DecoderMode.IMAGEIO);
    assertThatThrownBy(() -> DecoderMode.fromId("turbo"))
        .hasMessage("unknown image decoder 'turbo'; use one of auto, native, imageio");
  }

  @Test
  void shouldDecodeNativelyInAutoWhenTheLibraryLoads() {
    assertThat(NativeLibrary.get().problem()).isEmpty();
    assertThat(
            new ImagePreprocessor(
                    PreprocessProfile.CAFFE_BGR, ImageLimits.DEFAULT, DecoderMode.AUTO)
                .decoder())
        .isEqualTo(DecoderMode.NATIVE);
    assertThat(new ImagePreprocessor(PreprocessProfile.CAFFE_BGR, ImageLimits.DEFAULT).decoder())
        .isEqualTo(DecoderMode.IMAGEIO);
  }

  @Test
  void shouldFallBackToImageIoWithOneWarningInAuto() throws Exception {
    byte[] jpeg = SampleImages.jpeg(320, 240, 5);
    try (CapturedLog log = CapturedLog.of(ImagePreprocessor.class)) {
      ImagePreprocessor auto = with(DecoderMode.AUTO, MISSING);
      assertThat(auto.decoder()).isEqualTo(DecoderMode.IMAGEIO);
      assertThat(auto.preprocess(jpeg))
          .isEqualTo(with(DecoderMode.IMAGEIO, NativeLibrary.get()).preprocess(jpeg));
      assertThat(log.messages(Level.WARN))
          .containsExactly(
              "image.decoder=auto: simulated: libjniopencv_core.so is not in the jar; decoding"
                  + " every image with ImageIO");
    }
  }

  @Test
  void shouldRefuseToStartInNativeModeWhenTheLibraryCannotLoad() {
    assertThatThrownBy(() -> with(DecoderMode.NATIVE, MISSING))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith(
            "image.decoder=native, but simulated: libjniopencv_core.so is not in the jar; set"
                + " image.decoder=auto (falls back to ImageIO) or imageio");
  }

  /**
   * The real loader in a child JVM told it runs on linux-ppc64le, whose natives the jar does not
   * carry: auto falls back and decodes, native refuses.
   */
  @Test
  void shouldFallBackOrRefuseWhenTheRealLibraryCannotLoad() throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process process =
        new ProcessBuilder(
                java.toString(),
                "-Dorg.bytedeco.javacpp.platform=linux-ppc64le",
                "-cp",
                System.getProperty("java.class.path"),
                NativeUnavailableMain.class.getName())
            .redirectErrorStream(true)
            .start();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("child JVM ended").isTrue();
    List<String> lines = output(process);
    assertThat(process.exitValue()).as(String.join("\n", lines)).isZero();
    assertThat(lines).contains("auto -> imageio", "auto decodes 150528 floats");
    assertThat(lines)
        .anySatisfy(
            line ->
                assertThat(line)
                    .startsWith(
                        "native -> refused: image.decoder=native, but the native JPEG decoder"
                            + " (OpenCV through JavaCPP) did not load for linux-ppc64le:"));
  }

  private static List<String> output(Process process) throws IOException {
    return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
        .lines()
        .toList();
  }
}
