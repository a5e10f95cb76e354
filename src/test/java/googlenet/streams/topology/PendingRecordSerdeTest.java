package googlenet.streams.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.junit.jupiter.api.Test;

class PendingRecordSerdeTest {
  private final PendingRecordSerde serde = new PendingRecordSerde();

  @Test
  void shouldRoundTripEveryFieldIncludingNullsAndRepeatedHeaders() {
    Header[] headers = {
      new RecordHeader("trace", new byte[] {1, 2}),
      new RecordHeader("trace", new byte[] {3}),
      new RecordHeader("empty", null)
    };
    PendingRecord record =
        new PendingRecord(
            null, new byte[] {(byte) 0xC3, 1, 0, 9}, headers, 1234L, "images", 7, 99L);

    byte[] bytes = serde.serializer().serialize("changelog", record);
    PendingRecord back = serde.deserializer().deserialize("changelog", bytes);

    assertThat(back.key()).isNull();
    assertThat(back.value()).isEqualTo(record.value());
    assertThat(back.timestamp()).isEqualTo(1234L);
    assertThat(back.topic()).isEqualTo("images");
    assertThat(back.partition()).isEqualTo(7);
    assertThat(back.offset()).isEqualTo(99L);
    assertThat(Arrays.asList(back.headers())).containsExactly(headers);
    assertThat(back.copyHeaders().lastHeader("trace").value()).containsExactly(3);
  }

  @Test
  void shouldRefuseAnUnknownVersion() {
    byte[] bytes =
        PendingRecordSerde.write(new PendingRecord(null, null, new Header[0], 0, "t", 0, 0));
    bytes[0] = 9;

    assertThatThrownBy(() -> PendingRecordSerde.read(bytes))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("unknown version 9");
  }
}
