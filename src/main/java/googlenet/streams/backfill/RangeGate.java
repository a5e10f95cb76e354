package googlenet.streams.backfill;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * The backfill's admission processor, between the source and the classify processor: forwards the
 * records whose offset lies in their partition's range, each after a token of the rate limiter and
 * with the header {@value #HEADER} naming the backfill; drops every other record unread. The
 * classify processor copies the header onto results and dead letters. Once its partition's range
 * has ended (the last offset of the range forwarded, or a record past it seen), it runs {@code
 * rangeEnded} once, so that the classifier runs the last images without waiting for a full batch; a
 * range whose last offsets are transaction markers with nothing after them is not seen to end, and
 * its last batch waits the batch delay.
 */
final class RangeGate implements Processor<byte[], byte[], byte[], byte[]> {
  /** Header naming the backfill on every result and dead letter it writes. */
  static final String HEADER = "gns.backfill";

  private final Map<Integer, PartitionRange> ranges;
  private final Optional<RateLimiter> limiter;
  private final byte[] name;
  private final Runnable rangeEnded;
  private ProcessorContext<byte[], byte[]> context;
  private boolean ended;

  RangeGate(
      Map<Integer, PartitionRange> ranges,
      Optional<RateLimiter> limiter,
      String name,
      Runnable rangeEnded) {
    this.ranges = Map.copyOf(ranges);
    this.limiter = limiter;
    this.name = name.getBytes(StandardCharsets.UTF_8);
    this.rangeEnded = rangeEnded;
  }

  @Override
  public void init(ProcessorContext<byte[], byte[]> context) {
    this.context = context;
  }

  @Override
  public void process(Record<byte[], byte[]> record) {
    RecordMetadata meta = context.recordMetadata().orElse(null);
    PartitionRange range = meta == null ? null : ranges.get(meta.partition());
    if (range == null || meta.offset() < range.start()) {
      return;
    }
    long offset = meta.offset();
    if (offset >= range.end()) {
      end();
      return;
    }
    limiter.ifPresent(RateLimiter::acquire);
    RecordHeaders headers = new RecordHeaders(record.headers().toArray());
    headers.remove(HEADER);
    headers.add(HEADER, name);
    context.forward(record.withHeaders(headers));
    if (offset == range.end() - 1) {
      end();
    }
  }

  private void end() {
    if (!ended) {
      ended = true;
      rangeEnded.run();
    }
  }
}
