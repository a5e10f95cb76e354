package googlenet.streams.image;

import java.io.EOFException;
import java.io.IOException;
import java.util.Arrays;
import javax.imageio.IIOException;
import javax.imageio.stream.ImageInputStreamImpl;

/**
 * An in-memory image stream, padded with zero bytes, that makes reading past the end cheap and
 * bounded. TwelveMonkeys' WebP lossless bit reader catches {@link EOFException} and keeps decoding,
 * so a truncated stream (or one whose codes take zero bits) costs one exception with a stack trace
 * per pixel: about 12 microseconds, minutes for a 20-byte 50-megapixel file. Here the padding
 * serves the zero-bit case, and reads past the end throw a trace-less exception, and after {@link
 * #MAX_READS_PAST_END} of them an {@link IIOException} the reader does not catch.
 */
final class BoundedEofInputStream extends ImageInputStreamImpl {
  /** Reads past the end tolerated before the decode is abandoned; a valid file needs a few. */
  static final int MAX_READS_PAST_END = 4096;

  private static final int PADDING = 64;

  private final byte[] data;
  private final int length;
  private int readsPastEnd;

  BoundedEofInputStream(byte[] encoded) {
    this.data = Arrays.copyOf(encoded, encoded.length + PADDING);
    this.length = data.length;
  }

  @Override
  public int read() throws IOException {
    bitOffset = 0;
    if (streamPos >= length) {
      return pastEnd();
    }
    return data[(int) streamPos++] & 0xFF;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    bitOffset = 0;
    if (streamPos >= length) {
      return pastEnd();
    }
    int count = (int) Math.min(len, length - streamPos);
    System.arraycopy(data, (int) streamPos, b, off, count);
    streamPos += count;
    return count;
  }

  @Override
  public byte readByte() throws IOException {
    int b = read();
    if (b < 0) {
      throw new CheapEofException();
    }
    return (byte) b;
  }

  @Override
  public long length() {
    return length;
  }

  private int pastEnd() throws IIOException {
    if (++readsPastEnd > MAX_READS_PAST_END) {
      throw new IIOException(
          "image data ends early: the decoder read past the end "
              + readsPastEnd
              + " times (the file is truncated or its pixel codes are malformed)");
    }
    return -1;
  }

  /** End of stream without a stack trace: decoders that expect it may meet it often. */
  private static final class CheapEofException extends EOFException {
    private static final long serialVersionUID = 1L;

    @Override
    public synchronized Throwable fillInStackTrace() {
      return this;
    }
  }
}
