package googlenet.streams.model;

import java.util.Locale;
import java.util.Objects;

/**
 * A file to download and what it must be.
 *
 * @param path location relative to the download base address, e.g. {@code synset.txt}
 * @param size exact size in bytes
 * @param sha256 SHA-256, lower-case hex
 */
public record Artifact(String path, long size, String sha256) {
  /** The ONNX model zoo's BVLC GoogLeNet, opset 12, fp32 (fixed batch of 1). */
  public static final Artifact GOOGLENET_12 =
      new Artifact(
          "inception_and_googlenet/googlenet/model/googlenet-12.onnx",
          28_021_836L,
          "c99c507058eaf41de8723408fdda7db8325cb57f0a89f2ee07a716d6e963e14e");

  /** The ONNX model zoo's BVLC GoogLeNet, opset 12, int8-quantized (fixed batch of 1). */
  public static final Artifact GOOGLENET_12_INT8 =
      new Artifact(
          "inception_and_googlenet/googlenet/model/googlenet-12-int8.onnx",
          7_122_858L,
          "282290386d7055c1b1e9692680621907991a87f9839391892b5cbe4da2e9871f");

  /** The zoo's 1000-line ImageNet synset list; line i names output i. */
  public static final Artifact SYNSET =
      new Artifact(
          "synset.txt",
          31_675L,
          "acf75ef0abe89694b19056e0796401068b459c457baa30335f240c7692857355");

  /** Validates the fields. */
  public Artifact {
    Objects.requireNonNull(path, "path");
    if (size < 0) {
      throw new IllegalArgumentException("size must be >= 0 bytes, got " + size);
    }
    Objects.requireNonNull(sha256, "sha256");
    sha256 = sha256.toLowerCase(Locale.ROOT);
    if (!sha256.matches("[0-9a-f]{64}")) {
      throw new IllegalArgumentException(
          "sha256 must be 64 hex digits, got '" + sha256 + "'; copy it from sha256sum's output");
    }
  }

  /** The file name, the last segment of the path. */
  public String fileName() {
    return path.substring(path.lastIndexOf('/') + 1);
  }

  /** A copy with another size and checksum, e.g. for a mirror serving a different build. */
  public Artifact withExpected(long newSize, String newSha256) {
    return new Artifact(path, newSize, newSha256);
  }

  /**
   * The model artifact of a variant name.
   *
   * @throws IllegalArgumentException naming the value and the known variants
   */
  public static Artifact variant(String name) {
    return switch (name) {
      case "googlenet-12" -> GOOGLENET_12;
      case "googlenet-12-int8" -> GOOGLENET_12_INT8;
      default ->
          throw new IllegalArgumentException(
              "unknown variant '" + name + "'; use googlenet-12 or googlenet-12-int8");
    };
  }
}
