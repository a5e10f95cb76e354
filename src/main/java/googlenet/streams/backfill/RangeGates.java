package googlenet.streams.backfill;

import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;

/**
 * Supplies the {@link RangeGate} of every task of a run, all sharing one rate limiter and telling
 * {@code rangeEnded} when their partition's range ends.
 */
final class RangeGates {
  private RangeGates() {}

  static ProcessorSupplier<byte[], byte[], byte[], byte[]> supplier(
      BackfillRequest request, BackfillDefinition definition, Runnable rangeEnded) {
    Map<Integer, PartitionRange> ranges =
        definition.partitions().stream()
            .collect(Collectors.toMap(PartitionRange::partition, Function.identity()));
    Optional<RateLimiter> limiter =
        request.maxRate() > 0
            ? Optional.of(new RateLimiter(request.maxRate(), System::nanoTime))
            : Optional.empty();
    return () -> new RangeGate(ranges, limiter, definition.name(), rangeEnded);
  }
}
