package googlenet.streams.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import googlenet.streams.tools.fixtures.Photos;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Arrays;
import org.bytedeco.javacpp.Pointer;
import org.junit.jupiter.api.Test;

/**
 * Every native object the native path creates is released when the call returns: JavaCPP's count of
 * live native objects and bytes comes back to where it was, after decodes into direct and heap
 * buffers (float tensors and a fused model's uint8 pixels), rejections and ImageIO fallbacks alike;
 * and the process does not grow by the size of what it decoded.
 */
class NativeMemoryTest {
  private static final int MB = 1 << 20;

  @Test
  void shouldReleaseEveryNativeObjectOfEveryCall() throws Exception {
    ImagePreprocessor p =
        new ImagePreprocessor(PreprocessProfile.CAFFE_BGR, ImageLimits.DEFAULT, DecoderMode.NATIVE);
    byte[] photo = Photos.jpeg(640, 480, 31, 0.9f);
    byte[] cut = Arrays.copyOf(photo, photo.length / 2);
    byte[] cmyk = PhotoJpegs.cmyk(Photos.picture(64, 48, 32));
    FloatBuffer direct =
        ByteBuffer.allocateDirect(2 * ImagePreprocessor.TENSOR_FLOATS * Float.BYTES)
            .order(ByteOrder.nativeOrder())
            .asFloatBuffer();
    ByteBuffer pixels = ByteBuffer.allocateDirect(224 * 224 * 3);
    p.preprocessInto(photo, direct, 1); // loads and warms up
    assertThat(p.preprocess(photo))
        .as("decoded natively, not by ImageIO")
        .isNotEqualTo(
            new ImagePreprocessor(PreprocessProfile.CAFFE_BGR, ImageLimits.DEFAULT)
                .preprocess(photo));
    for (int i = 0; i < 50; i++) {
      int slot = i % 2;
      assertReleases(() -> p.preprocessInto(photo, direct, slot));
      assertReleases(() -> p.preprocess(photo));
      assertReleases(() -> p.preprocess(cmyk));
      assertReleases(() -> p.pixelsInto(photo, pixels, 0, 224, 224));
      assertReleases(() -> p.pixelsInto(photo, ByteBuffer.allocate(192 * 256 * 3), 0, 192, 256));
      assertReleases(
          () ->
              assertThat(
                      catchThrowableOfType(() -> p.preprocess(cut), ImageRejectedException.class))
                  .isNotNull());
    }
  }

  /**
   * Checked call by call, so that JavaCPP's garbage-collector-driven release cannot hide a missing
   * close.
   */
  private static void assertReleases(Call call) throws Exception {
    long objects = Pointer.totalCount();
    long bytes = Pointer.totalBytes();
    call.run();
    assertThat(Pointer.totalCount()).as("live JavaCPP objects").isEqualTo(objects);
    assertThat(Pointer.totalBytes()).as("JavaCPP-allocated bytes").isEqualTo(bytes);
  }

  private interface Call {
    void run() throws Exception;
  }

  /**
   * 600 decodes of a 1920x1080 photo allocate ~0.9 GB of native memory (the encoded copy and the
   * decoded 480x270 image, each time); leaking them would grow the process by that much.
   */
  @Test
  void shouldNotGrowTheProcessWithWhatItDecodes() throws Exception {
    ImagePreprocessor p =
        new ImagePreprocessor(PreprocessProfile.CAFFE_BGR, ImageLimits.DEFAULT, DecoderMode.NATIVE);
    byte[] photo = Photos.jpeg(1920, 1080, 33, 0.9f);
    FloatBuffer direct =
        ByteBuffer.allocateDirect(ImagePreprocessor.TENSOR_FLOATS * Float.BYTES)
            .order(ByteOrder.nativeOrder())
            .asFloatBuffer();
    for (int i = 0; i < 50; i++) {
      p.preprocessInto(photo, direct, 0);
    }
    long before = Pointer.physicalBytes();
    for (int i = 0; i < 600; i++) {
      p.preprocessInto(photo, direct, 0);
    }
    long grown = Pointer.physicalBytes() - before;
    assertThat(grown / MB).as("resident growth in MB").isLessThan(200);
  }
}
