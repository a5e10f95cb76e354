package googlenet.streams.deploy;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.common.TopicPartition;

/** What the broker says about a service's consumer group (Kafka Streams' classic protocol). */
final class ConsumerGroups {

  /**
   * One member of the group.
   *
   * @param instanceId its static membership id ({@code group.instance.id}), or empty
   * @param host the address the member connects from (its container)
   * @param partitions the input partitions assigned to it
   */
  record Member(String instanceId, String host, Set<Integer> partitions) {}

  private ConsumerGroups() {}

  /** Members of {@code groupId} with their partitions of {@code topic}. */
  static List<Member> members(String groupId, String topic) {
    try (Admin admin = DeployEnvironment.get().admin()) {
      ConsumerGroupDescription group =
          admin
              .describeConsumerGroups(List.of(groupId))
              .describedGroups()
              .get(groupId)
              .get(10, TimeUnit.SECONDS);
      return group.members().stream().map(m -> member(m, topic)).toList();
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot describe consumer group " + groupId, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted describing " + groupId, e);
    }
  }

  private static Member member(MemberDescription m, String topic) {
    Set<Integer> partitions = new TreeSet<>();
    for (TopicPartition tp : m.assignment().topicPartitions()) {
      if (tp.topic().equals(topic)) {
        partitions.add(tp.partition());
      }
    }
    return new Member(m.groupInstanceId().orElse(""), m.host(), partitions);
  }
}
