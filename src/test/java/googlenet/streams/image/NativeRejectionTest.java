package googlenet.streams.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import googlenet.streams.tools.fixtures.BrokenImage;
import googlenet.streams.tools.fixtures.Photos;
import googlenet.streams.tools.fixtures.SampleImages;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad input through the native path: the same reject reasons and messages as ImageIO, and mutated
 * JPEGs never throw anything but a rejection (nor crash the JVM, which would end the test run).
 */
class NativeRejectionTest {
  private static final ImagePreprocessor IMAGEIO =
      new ImagePreprocessor(PreprocessProfile.CAFFE_BGR, ImageLimits.DEFAULT, DecoderMode.IMAGEIO);
  private static ImagePreprocessor nativePath;

  @BeforeAll
  static void requireNativeLibrary() {
    nativePath =
        new ImagePreprocessor(PreprocessProfile.CAFFE_BGR, ImageLimits.DEFAULT, DecoderMode.NATIVE);
  }

  static Stream<BrokenImage> broken() {
    return SampleImages.broken().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("broken")
  void shouldRejectEveryBrokenInputWithTheReasonAndMessageOfImageIo(BrokenImage image) {
    ImageRejectedException nativeRejection = rejection(nativePath, image.bytes());
    assertThat(nativeRejection).as(image.name()).isNotNull();
    assertThat(nativeRejection.reason()).isEqualTo(image.expected());
    assertThat(nativeRejection.getMessage())
        .isEqualTo(rejection(IMAGEIO, image.bytes()).getMessage());
  }

  @Test
  void shouldRejectTruncatedPhotosAsCorruptAndAcceptOnesMissingOnlyTheirEnd() throws Exception {
    byte[] photo = Photos.jpeg(640, 480, 11, 0.9f);
    for (int percent = 5; percent < 100; percent += 10) {
      byte[] cut = Arrays.copyOf(photo, photo.length * percent / 100);
      ImageRejectedException e = rejection(nativePath, cut);
      assertThat(e).as("cut at " + percent + "%").isNotNull();
      assertThat(e.reason()).isEqualTo(RejectReason.CORRUPT);
      assertThat(e.getMessage()).isEqualTo(rejection(IMAGEIO, cut).getMessage());
    }
    byte[] noEoi = Arrays.copyOf(photo, photo.length - 2);
    assertThat(nativePath.preprocess(noEoi)).isEqualTo(IMAGEIO.preprocess(noEoi));
  }

  /**
   * 600 mutants of three JPEGs (baseline colour, progressive, grey): random bit flips, bytes set to
   * 0xFF (spurious markers), cut ends, and copied or dropped runs. Each is either decoded or
   * rejected, never anything else. Every native rejection has ImageIO's reason, and a cut file gets
   * ImageIO's outcome. The one difference: libjpeg-turbo decodes some corrupt entropy-coded data
   * with a warning ("premature end of data segment" after a spurious marker, "bad Huffman code")
   * that OpenCV does not surface, so the native path labels such a file (with grey or garbled
   * blocks) where ImageIO rejects it as corrupt.
   */
  @Test
  void shouldOnlyEverRejectMutatedJpegs() {
    List<byte[]> seeds =
        List.of(
            Photos.jpeg(320, 240, 21, 0.9f),
            SampleImages.encodeJpeg(Photos.picture(320, 240, 22), 0.8f, true),
            SampleImages.encodeJpeg(PhotoJpegs.grey(Photos.picture(240, 320, 23)), 0.9f, false));
    Random random = new Random(2026);
    int[] outcomes = new int[3]; // both decode, both reject, only ImageIO rejects
    for (int i = 0; i < 600; i++) {
      int kind = random.nextInt(4);
      byte[] mutant = mutate(seeds.get(i % seeds.size()), kind, random);
      RejectReason expected = Outcome.of(IMAGEIO, mutant);
      RejectReason actual = Outcome.of(nativePath, mutant);
      if (actual != null || kind == CUT) {
        assertThat(actual).as("mutant " + i + " of kind " + kind).isEqualTo(expected);
      } else if (expected != null) {
        assertThat(expected).as("mutant " + i).isEqualTo(RejectReason.CORRUPT);
      }
      outcomes[expected == null ? 0 : actual != null ? 1 : 2]++;
    }
    assertThat(outcomes[0]).as("mutants both decode").isGreaterThan(100);
    assertThat(outcomes[1]).as("mutants both reject").isGreaterThan(100);
  }

  private static final int CUT = 2;

  private static byte[] mutate(byte[] jpeg, int kind, Random random) {
    byte[] out = jpeg.clone();
    int body = 600; // past the tables, mostly in the entropy-coded data
    switch (kind) {
      case 0:
        for (int k = 1 + random.nextInt(8); k > 0; k--) {
          int at = body + random.nextInt(out.length - body);
          out[at] ^= (byte) (1 << random.nextInt(8));
        }
        return out;
      case 1:
        for (int k = 1 + random.nextInt(3); k > 0; k--) {
          out[random.nextInt(out.length)] = (byte) 0xFF;
        }
        return out;
      case CUT:
        return Arrays.copyOf(out, 2 + random.nextInt(out.length - 2));
      default:
        return moveRun(out, body, random);
    }
  }

  /** Drops a run of up to 64 bytes, or repeats it. */
  private static byte[] moveRun(byte[] jpeg, int body, Random random) {
    int from = body + random.nextInt(jpeg.length - body - 64);
    int length = 1 + random.nextInt(64);
    boolean drop = random.nextBoolean();
    byte[] out = new byte[jpeg.length + (drop ? -length : length)];
    System.arraycopy(jpeg, 0, out, 0, from + (drop ? 0 : length));
    int rest = drop ? from + length : from;
    System.arraycopy(jpeg, rest, out, from + (drop ? 0 : length), jpeg.length - rest);
    return out;
  }

  private static ImageRejectedException rejection(ImagePreprocessor p, byte[] bytes) {
    return catchThrowableOfType(() -> p.preprocess(bytes), ImageRejectedException.class);
  }

  /** Null when decoded, else the reject reason; any other throwable fails the test. */
  private static final class Outcome {
    private Outcome() {}

    static RejectReason of(ImagePreprocessor p, byte[] bytes) {
      try {
        p.preprocess(bytes);
        return null;
      } catch (ImageRejectedException e) {
        return e.reason();
      }
    }
  }
}
