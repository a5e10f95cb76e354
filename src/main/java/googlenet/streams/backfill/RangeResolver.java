package googlenet.streams.backfill;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;

/**
 * Turns a time range into offsets, once: per partition, the start is the first offset whose
 * timestamp is at or after {@code from} (the log start for {@code earliest}), the end the first
 * offset at or after {@code to} (the last stable offset for {@code now}). Where no record is that
 * late, the last stable offset stands in, so records produced later are outside the range.
 */
final class RangeResolver {
  private final Admin admin;

  RangeResolver(Admin admin) {
    this.admin = admin;
  }

  /** The offset range of every partition of {@code input}, in partition order. */
  List<PartitionRange> resolve(TopicDescription input, TimeBound from, TimeBound to)
      throws BackfillException {
    Map<TopicPartition, Long> latest = list(input, OffsetSpec.latest());
    Map<TopicPartition, Long> starts =
        orLatest(list(input, spec(from, OffsetSpec.earliest())), latest);
    Map<TopicPartition, Long> ends = orLatest(list(input, spec(to, OffsetSpec.latest())), latest);
    List<PartitionRange> ranges = new ArrayList<>();
    for (TopicPartitionInfo p : input.partitions()) {
      TopicPartition tp = new TopicPartition(input.name(), p.partition());
      long end = ends.get(tp);
      ranges.add(new PartitionRange(p.partition(), Math.min(starts.get(tp), end), end));
    }
    return ranges;
  }

  private static OffsetSpec spec(TimeBound bound, OffsetSpec open) {
    return bound.instant().map(i -> OffsetSpec.forTimestamp(i.toEpochMilli())).orElse(open);
  }

  private static Map<TopicPartition, Long> orLatest(
      Map<TopicPartition, Long> offsets, Map<TopicPartition, Long> latest) {
    Map<TopicPartition, Long> out = new HashMap<>(offsets);
    out.replaceAll((tp, offset) -> offset < 0 ? latest.get(tp) : offset);
    return out;
  }

  private Map<TopicPartition, Long> list(TopicDescription input, OffsetSpec spec)
      throws BackfillException {
    Map<TopicPartition, OffsetSpec> request = new HashMap<>();
    input
        .partitions()
        .forEach(p -> request.put(new TopicPartition(input.name(), p.partition()), spec));
    try {
      Map<TopicPartition, ListOffsetsResultInfo> result =
          Topics.get(
              admin
                  .listOffsets(request, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED))
                  .all());
      Map<TopicPartition, Long> out = new HashMap<>();
      result.forEach((tp, info) -> out.put(tp, info.offset()));
      return out;
    } catch (ExecutionException e) {
      throw new BackfillException(
          "cannot list the offsets of topic " + input.name() + ": " + Topics.cause(e), e);
    }
  }
}
