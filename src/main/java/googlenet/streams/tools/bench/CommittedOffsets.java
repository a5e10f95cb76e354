package googlenet.streams.tools.bench;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Where a consumer group stands on its input, for a figure whose results did not all come: the
 * committed offset against the end offset per partition, e.g. {@code p0 200/200, p1 185/200}. All
 * committed with results missing means results were lost; offsets behind means the run stalled.
 */
final class CommittedOffsets {
  private static final long TIMEOUT_SECONDS = 30;

  private CommittedOffsets() {}

  /** {@code group}'s committed offsets on {@code topic} against its end offsets, or why not. */
  static String describe(String bootstrap, String group, String topic) {
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      Map<TopicPartition, OffsetAndMetadata> committed =
          admin
              .listConsumerGroupOffsets(group)
              .partitionsToOffsetAndMetadata()
              .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      List<TopicPartition> partitions =
          admin
              .describeTopics(List.of(topic))
              .allTopicNames()
              .get(TIMEOUT_SECONDS, TimeUnit.SECONDS)
              .get(topic)
              .partitions()
              .stream()
              .map(p -> new TopicPartition(topic, p.partition()))
              .toList();
      Map<TopicPartition, ListOffsetsResultInfo> ends =
          admin
              .listOffsets(
                  partitions.stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest())))
              .all()
              .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      Map<Integer, String> out = new TreeMap<>();
      for (TopicPartition p : partitions) {
        OffsetAndMetadata c = committed.get(p);
        out.put(p.partition(), (c == null ? "none" : c.offset()) + "/" + ends.get(p).offset());
      }
      return out.entrySet().stream()
          .map(e -> "p" + e.getKey() + " " + e.getValue())
          .collect(Collectors.joining(", "));
    } catch (ExecutionException | TimeoutException | RuntimeException e) {
      return "unknown (" + e + ")";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "unknown (interrupted)";
    }
  }
}
