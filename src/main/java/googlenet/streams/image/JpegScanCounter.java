package googlenet.streams.image;

/**
 * Counts the scans (SOS markers) of a progressive JPEG by walking its segments and skipping the
 * entropy-coded data, where a 0xFF byte is always followed by 0x00 or a restart marker. Each scan
 * makes the decoder pass over every coefficient of the image again, so a file with thousands of
 * tiny scans costs thousands of full decodes. Tolerant: malformed structure ends the count and is
 * left to the decoder.
 */
public final class JpegScanCounter {
  /** Scans allowed in one progressive JPEG; common encoders write 6 to 20. */
  public static final int MAX_SCANS = 100;

  private static final int SOS = 0xDA;
  private static final int EOI = 0xD9;

  private JpegScanCounter() {}

  /** Throws {@code too-many-scans} when more than {@link #MAX_SCANS} scans follow {@code from}. */
  static void check(byte[] data, int from) throws ImageRejectedException {
    int scans = count(data, from, MAX_SCANS + 1);
    if (scans > MAX_SCANS) {
      throw new ImageRejectedException(
          RejectReason.TOO_MANY_SCANS,
          "progressive JPEG has more than "
              + MAX_SCANS
              + " scans (counted "
              + scans
              + " before stopping); each scan is a full pass over the image, re-encode it with"
              + " a standard scan script");
    }
  }

  /** Scans from offset {@code pos}, counting at most {@code stopAt}. */
  public static int count(byte[] data, int pos, int stopAt) {
    int scans = 0;
    while (scans < stopAt && pos + 3 < data.length && (data[pos] & 0xFF) == 0xFF) {
      int marker = data[pos + 1] & 0xFF;
      if (marker == 0xFF) {
        pos++; // fill byte
        continue;
      }
      if (marker == EOI) {
        break;
      }
      int length = (data[pos + 2] & 0xFF) << 8 | (data[pos + 3] & 0xFF);
      if (length < 2) {
        break;
      }
      pos += 2 + length;
      if (marker == SOS) {
        scans++;
        pos = skipEntropyCodedData(data, pos);
      }
    }
    return scans;
  }

  private static int skipEntropyCodedData(byte[] data, int pos) {
    while (pos + 1 < data.length) {
      if ((data[pos] & 0xFF) == 0xFF) {
        int next = data[pos + 1] & 0xFF;
        if (next != 0 && (next < 0xD0 || next > 0xD7)) {
          return pos;
        }
        pos++;
      }
      pos++;
    }
    return data.length;
  }
}
