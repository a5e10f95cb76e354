package googlenet.streams.tools.bench;

import googlenet.streams.avro.ImageRecord;
import googlenet.streams.serde.AvroSerde;
import googlenet.streams.tools.fixtures.SampleImages;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The images every stage uses: a pool of distinct generated JPEGs (640x480 by default, quality 0.9,
 * roughly 50-100 KB each) handed out in turn, so every stage decodes the same bytes.
 */
final class BenchImages {
  private final List<byte[]> jpegs;
  private final int width;
  private final int height;
  private final AvroSerde<ImageRecord> serde = AvroSerde.imageRecord();

  private BenchImages(List<byte[]> jpegs, int width, int height) {
    this.jpegs = List.copyOf(jpegs);
    this.width = width;
    this.height = height;
  }

  /** Generates {@code distinct} pictures of {@code width x height} (seeds 1..distinct). */
  static BenchImages generate(int distinct, int width, int height) {
    List<byte[]> jpegs = new ArrayList<>(distinct);
    for (int seed = 1; seed <= distinct; seed++) {
      jpegs.add(SampleImages.jpeg(width, height, seed));
    }
    return new BenchImages(jpegs, width, height);
  }

  /** The JPEG bytes of image {@code i} (the pool is used round robin). */
  byte[] jpeg(long i) {
    return jpegs.get((int) (i % jpegs.size()));
  }

  /** The Avro single-object encoded {@link ImageRecord} of image {@code i}, id {@code bench-i}. */
  byte[] record(long i) {
    ImageRecord image =
        ImageRecord.newBuilder()
            .setId("bench-" + i)
            .setImage(ByteBuffer.wrap(jpeg(i)))
            .setContentType("image/jpeg")
            .setSource("bench")
            .setAttributes(Map.of())
            .build();
    return serde.encode(image);
  }

  int distinct() {
    return jpegs.size();
  }

  int width() {
    return width;
  }

  int height() {
    return height;
  }

  /** Mean encoded size of the pool, in bytes. */
  long meanBytes() {
    return (long) jpegs.stream().mapToInt(b -> b.length).average().orElse(0);
  }
}
