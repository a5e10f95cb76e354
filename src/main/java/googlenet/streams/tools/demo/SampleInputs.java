package googlenet.streams.tools.demo;

import googlenet.streams.tools.fixtures.BrokenImage;
import googlenet.streams.tools.fixtures.SampleImages;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The demo's inputs: generated pictures of varied sizes and formats, then broken files. */
public final class SampleInputs {
  private static final int[][] JPEG_SIZES = {
    {640, 480}, {1024, 768}, {224, 224}, {800, 600}, {300, 500}, {1280, 720}, {96, 64}
  };
  // Noisy pictures compress badly as PNG: keep them well under Kafka's default 1 MB record limit.
  private static final int[][] PNG_SIZES = {{320, 240}, {224, 224}, {200, 300}};

  private SampleInputs() {}

  /** {@code images} good pictures (two JPEGs then a PNG, varied sizes, seeds 1..n). */
  public static List<SampleInput> pictures(int images) {
    List<SampleInput> out = new ArrayList<>(images);
    for (int i = 0; i < images; i++) {
      boolean png = i % 3 == 2;
      int[] size = png ? PNG_SIZES[(i / 3) % PNG_SIZES.length] : JPEG_SIZES[i % JPEG_SIZES.length];
      String id = String.format(Locale.ROOT, "sample-%03d.%s", i + 1, png ? "png" : "jpg");
      byte[] bytes =
          png
              ? SampleImages.png(size[0], size[1], i + 1L)
              : SampleImages.jpeg(size[0], size[1], i + 1L);
      out.add(new SampleInput(id, bytes, png ? "image/png" : "image/jpeg", false, null));
    }
    return out;
  }

  /** Every broken image of {@link SampleImages#broken()}, plus one value that is no ImageRecord. */
  public static List<SampleInput> broken() {
    List<SampleInput> out = new ArrayList<>();
    for (BrokenImage b : SampleImages.broken()) {
      out.add(new SampleInput("broken-" + b.name(), b.bytes(), null, false, b.expected().code()));
    }
    byte[] garbage = "this value is not an Avro ImageRecord".getBytes(StandardCharsets.UTF_8);
    out.add(new SampleInput("not-an-image-record", garbage, null, true, "undeserializable"));
    return List.copyOf(out);
  }

  /** Pictures then broken inputs. */
  public static List<SampleInput> all(int images) {
    List<SampleInput> out = new ArrayList<>(pictures(images));
    out.addAll(broken());
    return List.copyOf(out);
  }
}
