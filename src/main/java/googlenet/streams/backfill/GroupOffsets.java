package googlenet.streams.backfill;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.GroupNotEmptyException;

/**
 * The backfill's consumer group (its application id): reads its committed offsets, sets them to the
 * range's start before the first run, and resets the group and its internal topics for {@code
 * --restart}. Never touches another group.
 */
final class GroupOffsets {
  private final Admin admin;
  private final String group;

  GroupOffsets(Admin admin, String group) {
    this.admin = admin;
    this.group = group;
  }

  String group() {
    return group;
  }

  /** The committed offset of each partition of {@code topic} that has one. */
  Map<Integer, Long> committed(String topic) throws BackfillException {
    try {
      Map<TopicPartition, OffsetAndMetadata> offsets =
          Topics.get(admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata());
      Map<Integer, Long> out = new HashMap<>();
      offsets.forEach(
          (tp, om) -> {
            if (om != null && tp.topic().equals(topic)) {
              out.put(tp.partition(), om.offset());
            }
          });
      return out;
    } catch (ExecutionException e) {
      if (e.getCause() instanceof GroupIdNotFoundException) {
        return Map.of();
      }
      throw new BackfillException(
          "cannot read the offsets of group " + group + ": " + Topics.cause(e), e);
    }
  }

  /**
   * Fails when a member is in the group: another run of this backfill is alive (or was killed less
   * than a session timeout ago).
   */
  void requireNoMembers() throws BackfillException {
    try {
      ConsumerGroupDescription d =
          Topics.get(admin.describeConsumerGroups(List.of(group)).all()).get(group);
      if (d != null && !d.members().isEmpty()) {
        throw new BackfillException(
            "consumer group "
                + group
                + " has "
                + d.members().size()
                + " active member(s): another run of this backfill is running; stop it (or wait"
                + " for its session to time out) and try again");
      }
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof GroupIdNotFoundException)) {
        throw new BackfillException("cannot describe group " + group + ": " + Topics.cause(e), e);
      }
    }
  }

  /** Commits the start offset of every range for {@code topic}. */
  void set(String topic, List<PartitionRange> ranges) throws BackfillException {
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    ranges.forEach(
        r ->
            offsets.put(
                new TopicPartition(topic, r.partition()), new OffsetAndMetadata(r.start())));
    try {
      Topics.get(admin.alterConsumerGroupOffsets(group, offsets).all());
    } catch (ExecutionException e) {
      throw new BackfillException(
          "cannot set the start offsets of group "
              + group
              + ": "
              + Topics.cause(e)
              + (e.getCause() instanceof GroupNotEmptyException
                  ? "; another run of this backfill is running, stop it first"
                  : ""),
          e);
    }
  }

  /** Deletes the group's committed offsets and the internal topics of its application id. */
  void reset() throws BackfillException {
    try {
      Topics.get(admin.deleteConsumerGroups(List.of(group)).all());
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof GroupIdNotFoundException)) {
        throw new BackfillException("cannot reset group " + group + ": " + Topics.cause(e), e);
      }
    }
    try {
      Set<String> internal =
          Topics.get(admin.listTopics().names()).stream()
              .filter(t -> t.startsWith(group + "-"))
              .filter(t -> t.endsWith("-changelog") || t.endsWith("-repartition"))
              .collect(java.util.stream.Collectors.toSet());
      if (!internal.isEmpty()) {
        Topics.get(admin.deleteTopics(internal).all());
        awaitGone(internal);
      }
    } catch (ExecutionException e) {
      throw new BackfillException(
          "cannot delete the internal topics of " + group + ": " + Topics.cause(e), e);
    }
  }

  private void awaitGone(Set<String> topics) throws ExecutionException, BackfillException {
    long deadline = System.nanoTime() + Topics.TIMEOUT_S * 1_000_000_000L;
    while (Topics.get(admin.listTopics().names()).stream().anyMatch(topics::contains)) {
      if (System.nanoTime() > deadline) {
        throw new BackfillException("internal topics " + topics + " still exist after deletion");
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new BackfillException("interrupted while deleting " + topics, e);
      }
    }
  }
}
