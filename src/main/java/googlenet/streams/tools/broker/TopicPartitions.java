package googlenet.streams.tools.broker;

import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

/** The partitions of a topic the tools created a moment ago, for consumers that assign them. */
public final class TopicPartitions {
  private static final Duration RETRY = Duration.ofMillis(100);

  private TopicPartitions() {}

  /**
   * The partitions of {@code topic}, waiting up to {@code atMost} for them: a topic created a
   * moment ago may not be in the client's first metadata yet, and then has none.
   *
   * @throws IllegalStateException when the topic still has no partitions after {@code atMost}
   */
  public static List<TopicPartition> of(Consumer<?, ?> consumer, String topic, Duration atMost) {
    long deadline = System.nanoTime() + atMost.toNanos();
    while (true) {
      List<PartitionInfo> infos = consumer.partitionsFor(topic, atMost);
      if (infos != null && !infos.isEmpty()) {
        return infos.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "topic " + topic + " has no partitions after " + atMost.toSeconds() + " s");
      }
      sleep();
    }
  }

  private static void sleep() {
    try {
      Thread.sleep(RETRY.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted waiting for a topic's partitions", e);
    }
  }
}
