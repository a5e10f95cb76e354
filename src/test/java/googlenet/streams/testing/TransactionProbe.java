package googlenet.streams.testing;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListTransactionsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TransactionDescription;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.clients.admin.TransactionState;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

/**
 * What the broker knows about open transactions and the offsets read_committed readers can reach,
 * for tests that kill a transactional writer: which transactions are open, and each partition's
 * last stable offset (LSO) and high watermark.
 */
public final class TransactionProbe implements AutoCloseable {
  private static final long TIMEOUT_S = 30;

  private final Admin admin;

  /** An Admin client of the broker at {@code bootstrapServers}. */
  public TransactionProbe(String bootstrapServers) {
    admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
  }

  /** The ongoing transactions whose transactional id starts with {@code prefix}, by id. */
  public Map<String, TransactionDescription> ongoing(String prefix) throws Exception {
    ListTransactionsOptions options =
        new ListTransactionsOptions().filterStates(Set.of(TransactionState.ONGOING));
    List<String> ids =
        admin.listTransactions(options).all().get(TIMEOUT_S, TimeUnit.SECONDS).stream()
            .map(TransactionListing::transactionalId)
            .filter(id -> id.startsWith(prefix))
            .toList();
    if (ids.isEmpty()) {
      return Map.of();
    }
    Map<String, TransactionDescription> out = new TreeMap<>();
    admin
        .describeTransactions(ids)
        .all()
        .get(TIMEOUT_S, TimeUnit.SECONDS)
        .forEach(
            (id, d) -> {
              if (d.state() == TransactionState.ONGOING) {
                out.put(id, d);
              }
            });
    return out;
  }

  /** The current state of the transactions with these ids. */
  public Map<String, TransactionDescription> describe(Set<String> ids) throws Exception {
    return new TreeMap<>(admin.describeTransactions(ids).all().get(TIMEOUT_S, TimeUnit.SECONDS));
  }

  /** The last stable offset of every partition of {@code topic}: what read_committed reaches. */
  public Map<TopicPartition, Long> lastStable(String topic, int partitions) throws Exception {
    return offsets(topic, partitions, IsolationLevel.READ_COMMITTED);
  }

  /** The high watermark of every partition of {@code topic}. */
  public Map<TopicPartition, Long> highWatermarks(String topic, int partitions) throws Exception {
    return offsets(topic, partitions, IsolationLevel.READ_UNCOMMITTED);
  }

  private Map<TopicPartition, Long> offsets(String topic, int partitions, IsolationLevel level)
      throws Exception {
    Map<TopicPartition, OffsetSpec> request = new HashMap<>();
    for (int p = 0; p < partitions; p++) {
      request.put(new TopicPartition(topic, p), OffsetSpec.latest());
    }
    Map<TopicPartition, Long> out = new TreeMap<>(TransactionProbe::compare);
    admin
        .listOffsets(request, new ListOffsetsOptions(level))
        .all()
        .get(TIMEOUT_S, TimeUnit.SECONDS)
        .forEach((tp, info) -> out.put(tp, info.offset()));
    return out;
  }

  /**
   * Runs {@code kill} as soon as a transaction whose id starts with {@code prefix} is open and has
   * written to {@code topic}, and returns the transactions still open after the kill: the dead
   * writer's. Empty when the transaction ended between the look and the kill.
   */
  public Map<String, TransactionDescription> killWhileOpen(
      String prefix, String topic, Duration atMost, KillAction kill) throws Exception {
    long deadline = System.nanoTime() + atMost.toNanos();
    while (System.nanoTime() < deadline) {
      Map<String, TransactionDescription> open = ongoing(prefix);
      if (open.values().stream().anyMatch(d -> writesTo(d, topic))) {
        kill.run();
        Map<String, TransactionDescription> dead = new TreeMap<>();
        ongoing(prefix)
            .forEach(
                (id, d) -> {
                  TransactionDescription before = open.get(id);
                  if (before != null && sameTransaction(before, d) && writesTo(d, topic)) {
                    dead.put(id, d);
                  }
                });
        return dead;
      }
      Thread.sleep(20);
    }
    throw new AssertionError(
        "no transaction of " + prefix + "* wrote to " + topic + " within " + atMost);
  }

  /** True when both describe the same transaction: same producer id, epoch and start time. */
  public static boolean sameTransaction(TransactionDescription a, TransactionDescription b) {
    return a.producerId() == b.producerId()
        && a.producerEpoch() == b.producerEpoch()
        && a.transactionStartTimeMs().equals(b.transactionStartTimeMs());
  }

  private static boolean writesTo(TransactionDescription d, String topic) {
    return d.topicPartitions().stream().anyMatch(tp -> tp.topic().equals(topic));
  }

  private static int compare(TopicPartition a, TopicPartition b) {
    int byTopic = a.topic().compareTo(b.topic());
    return byTopic != 0 ? byTopic : Integer.compare(a.partition(), b.partition());
  }

  @Override
  public void close() {
    admin.close();
  }

  /** Kills the writer. */
  @FunctionalInterface
  public interface KillAction {
    /** Kills it and returns once it is dead. */
    void run() throws Exception;
  }
}
