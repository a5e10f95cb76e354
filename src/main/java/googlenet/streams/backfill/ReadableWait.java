package googlenet.streams.backfill;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.ProducerState;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Waits until read_committed consumers can read everything written to some topics so far: until
 * each partition's last stable offset has reached the high watermark it had when the wait began. An
 * open transaction on a partition (of any producer) holds its last stable offset at the
 * transaction's first record, so the records after it stay hidden, committed or not.
 */
final class ReadableWait {
  private static final Logger LOG = LoggerFactory.getLogger(ReadableWait.class);
  private static final Duration INTERVAL = Duration.ofMillis(100);

  private final Admin admin;
  private final Duration atMost;
  private final Clock clock;

  ReadableWait(Admin admin, Duration atMost, Clock clock) {
    this.admin = admin;
    this.atMost = atMost;
    this.clock = clock;
  }

  /**
   * Blocks until everything written to {@code topics} so far is readable.
   *
   * @return when it was
   * @throws BackfillException when it is not within the wait, naming the partitions and the
   *     producers whose open transactions hold them
   */
  Instant await(String name, List<String> topics) throws BackfillException {
    Map<TopicPartition, Long> marks = offsets(topics, IsolationLevel.READ_UNCOMMITTED);
    long deadline = System.nanoTime() + atMost.toNanos();
    while (true) {
      Map<TopicPartition, Long> hidden = hidden(marks);
      if (hidden.isEmpty()) {
        return clock.instant();
      }
      if (System.nanoTime() > deadline) {
        throw new BackfillException(describe(name, marks, hidden));
      }
      LOG.debug("backfill {}: waiting for {} to become readable", name, hidden.keySet());
      sleep();
    }
  }

  /** The partitions whose last stable offset is still below its mark, with that offset. */
  private Map<TopicPartition, Long> hidden(Map<TopicPartition, Long> marks)
      throws BackfillException {
    List<String> topics = marks.keySet().stream().map(TopicPartition::topic).distinct().toList();
    Map<TopicPartition, Long> stable = offsets(topics, IsolationLevel.READ_COMMITTED);
    Map<TopicPartition, Long> out = new TreeMap<>(ReadableWait::compare);
    marks.forEach(
        (tp, mark) -> {
          long lso = stable.getOrDefault(tp, 0L);
          if (lso < mark) {
            out.put(tp, lso);
          }
        });
    return out;
  }

  private Map<TopicPartition, Long> offsets(List<String> topics, IsolationLevel level)
      throws BackfillException {
    Map<TopicPartition, OffsetSpec> request = new HashMap<>();
    try {
      for (String topic : topics) {
        Topics.require(admin, topic, "result")
            .partitions()
            .forEach(
                p -> request.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
      }
      Map<TopicPartition, Long> out = new HashMap<>();
      Topics.get(admin.listOffsets(request, new ListOffsetsOptions(level)).all())
          .forEach((tp, info) -> out.put(tp, info.offset()));
      return out;
    } catch (ExecutionException e) {
      throw new BackfillException(
          "cannot list the offsets of " + topics + ": " + Topics.cause(e), e);
    }
  }

  private String describe(
      String name, Map<TopicPartition, Long> marks, Map<TopicPartition, Long> hidden) {
    List<String> parts = new ArrayList<>();
    hidden.forEach(
        (tp, lso) ->
            parts.add(tp + " last stable offset " + lso + " < " + marks.get(tp) + openAt(tp, lso)));
    return "backfill "
        + name
        + ": its results are committed but not readable by read_committed consumers after "
        + atMost.toSeconds()
        + " s: "
        + String.join("; ", parts)
        + ". An open transaction of another producer hides them until it commits or its"
        + " transaction timeout ends it; run the command again to wait for it (it only checks)";
  }

  /** The open transactions on {@code tp} from {@code lso} on, as far as the broker says. */
  private String openAt(TopicPartition tp, long lso) {
    try {
      List<ProducerState> active =
          Topics.get(admin.describeProducers(List.of(tp)).partitionResult(tp)).activeProducers();
      String open =
          active.stream()
              .filter(p -> p.currentTransactionStartOffset().orElse(-1) >= lso)
              .map(
                  p ->
                      "producer id "
                          + p.producerId()
                          + " (epoch "
                          + p.producerEpoch()
                          + ") from offset "
                          + p.currentTransactionStartOffset().getAsLong())
              .collect(Collectors.joining(", "));
      return open.isEmpty() ? "" : ", held by the open transaction of " + open;
    } catch (ExecutionException | BackfillException e) {
      return "";
    }
  }

  private static void sleep() throws BackfillException {
    try {
      Thread.sleep(INTERVAL.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BackfillException("interrupted while waiting for the results to be readable", e);
    }
  }

  private static int compare(TopicPartition a, TopicPartition b) {
    int byTopic = a.topic().compareTo(b.topic());
    return byTopic != 0 ? byTopic : Integer.compare(a.partition(), b.partition());
  }
}
