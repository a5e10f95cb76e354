package googlenet.streams.topology;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The batch buffer's value format: a version byte, then topic, partition, offset, timestamp, key,
 * value and headers, each byte array prefixed with its length (-1 for null). Internal to the
 * changelog topic; the version byte lets a later release read what this one wrote.
 */
final class PendingRecordSerde implements Serde<PendingRecord> {
  private static final byte VERSION = 1;

  @Override
  public Serializer<PendingRecord> serializer() {
    return (topic, record) -> record == null ? null : write(record);
  }

  @Override
  public Deserializer<PendingRecord> deserializer() {
    return (topic, bytes) -> bytes == null ? null : read(bytes);
  }

  static byte[] write(PendingRecord r) {
    int size = 64 + length(r.key()) + length(r.value());
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(size);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(VERSION);
      out.writeUTF(r.topic());
      out.writeInt(r.partition());
      out.writeLong(r.offset());
      out.writeLong(r.timestamp());
      writeBytes(out, r.key());
      writeBytes(out, r.value());
      out.writeInt(r.headers().length);
      for (Header h : r.headers()) {
        out.writeUTF(h.key());
        writeBytes(out, h.value());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  static PendingRecord read(byte[] bytes) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      byte version = in.readByte();
      if (version != VERSION) {
        throw new SerializationException(
            "batch buffer record of unknown version " + version + "; expected " + VERSION);
      }
      String topic = in.readUTF();
      int partition = in.readInt();
      long offset = in.readLong();
      long timestamp = in.readLong();
      byte[] key = readBytes(in);
      byte[] value = readBytes(in);
      Header[] headers = new Header[in.readInt()];
      for (int i = 0; i < headers.length; i++) {
        headers[i] = new RecordHeader(in.readUTF(), readBytes(in));
      }
      return new PendingRecord(key, value, headers, timestamp, topic, partition, offset);
    } catch (IOException e) {
      throw new SerializationException("truncated batch buffer record: " + e, e);
    }
  }

  private static int length(byte[] b) {
    return b == null ? 0 : b.length;
  }

  private static void writeBytes(DataOutputStream out, byte[] b) throws IOException {
    out.writeInt(b == null ? -1 : b.length);
    if (b != null) {
      out.write(b);
    }
  }

  private static byte[] readBytes(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n < 0) {
      return null;
    }
    byte[] b = new byte[n];
    in.readFully(b);
    return b;
  }
}
