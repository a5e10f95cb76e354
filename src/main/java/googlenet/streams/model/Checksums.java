package googlenet.streams.model;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** File checksums. */
public final class Checksums {
  private static final int BUFFER_BYTES = 64 * 1024;

  private Checksums() {}

  /**
   * The SHA-256 of a file, streamed in 64 KiB chunks.
   *
   * @return 64 lower-case hex digits
   * @throws IOException if the file cannot be read
   */
  public static String sha256(Path file) throws IOException {
    MessageDigest digest = newSha256();
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buffer = new byte[BUFFER_BYTES];
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        digest.update(buffer, 0, n);
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  /** The SHA-256 of bytes in memory, lower-case hex. */
  public static String sha256(byte[] bytes) {
    return HexFormat.of().formatHex(newSha256().digest(bytes));
  }

  /** A fresh SHA-256 digest (every JVM has one). */
  static MessageDigest newSha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this JVM lacks SHA-256", e);
    }
  }
}
