package googlenet.streams.backfill;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.Test;

/**
 * The admission processor on Kafka Streams' processor test context: which offsets it forwards, and
 * when it says its partition's range has ended (once).
 */
class RangeGateTest {
  private final AtomicInteger ended = new AtomicInteger();
  private final MockProcessorContext<byte[], byte[]> context = new MockProcessorContext<>();
  private final RangeGate gate =
      new RangeGate(
          Map.of(0, new PartitionRange(0, 2, 5)), Optional.empty(), "b", ended::incrementAndGet);

  private void offer(int partition, long offset) {
    context.setRecordMetadata("in", partition, offset);
    gate.process(new Record<>(new byte[] {(byte) offset}, new byte[] {1}, 0L));
  }

  private List<Long> forwardedKeys() {
    return context.forwarded().stream().map(f -> (long) ((byte[]) f.record().key())[0]).toList();
  }

  @Test
  void shouldForwardTheRangeAndEndOnceAtItsLastOffset() {
    gate.init(context);

    for (long offset = 0; offset < 8; offset++) {
      offer(0, offset);
      assertThat(ended.get()).as("after offset %d", offset).isEqualTo(offset >= 4 ? 1 : 0);
    }

    assertThat(forwardedKeys()).containsExactly(2L, 3L, 4L);
    assertThat(context.forwarded().get(0).record().headers().lastHeader(RangeGate.HEADER).value())
        .isEqualTo(new byte[] {'b'});
  }

  @Test
  void shouldEndWhenARecordPastTheRangeArrivesAfterATransactionMarker() {
    gate.init(context);

    offer(0, 2);
    offer(0, 3); // 4 is a commit marker: never delivered
    assertThat(ended.get()).isZero();
    offer(0, 6);
    offer(0, 7);

    assertThat(ended.get()).isEqualTo(1);
    assertThat(forwardedKeys()).containsExactly(2L, 3L);
  }

  @Test
  void shouldIgnorePartitionsOutsideTheBackfill() {
    gate.init(context);

    offer(1, 9);

    assertThat(ended.get()).isZero();
    assertThat(context.forwarded()).isEmpty();
  }
}
