package googlenet.streams.service;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeTransactionsOptions;
import org.apache.kafka.clients.admin.FenceProducersOptions;
import org.apache.kafka.clients.admin.ListTransactionsOptions;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.clients.admin.TransactionState;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.UnsupportedVersionException;

/**
 * The broker's view of one application's open transactions (KIP-664: list and describe) and the
 * fencing of a transactional id (KIP-618), all calls together bounded by one time budget.
 */
final class TransactionAdmin {
  private static final String REGEX_META = "\\.[]{}()<>*+-=!?^$|";

  private final Admin admin;
  private final long deadline;

  TransactionAdmin(Admin admin, Duration budget) {
    this.admin = admin;
    this.deadline = System.nanoTime() + budget.toNanos();
  }

  /** The ongoing transactions whose transactional id starts with {@code prefix}. */
  List<OpenTransaction> ongoing(String prefix) throws ExecutionException, TimeoutException {
    List<String> ids = new ArrayList<>();
    for (TransactionListing listing : list(prefix)) {
      if (listing.transactionalId().startsWith(prefix)) {
        ids.add(listing.transactionalId());
      }
    }
    if (ids.isEmpty()) {
      return List.of();
    }
    List<OpenTransaction> out = new ArrayList<>();
    DescribeTransactionsOptions options = new DescribeTransactionsOptions().timeoutMs(millis());
    get(admin.describeTransactions(ids, options).all())
        .forEach(
            (id, d) -> {
              if (d.state() == TransactionState.ONGOING) {
                out.add(
                    new OpenTransaction(
                        id,
                        d.producerId(),
                        d.producerEpoch(),
                        d.transactionStartTimeMs().orElse(-1),
                        Set.copyOf(d.topicPartitions())));
              }
            });
    return out;
  }

  /**
   * Lists ongoing transactions, filtered by the broker to ids starting with {@code prefix} where it
   * can (KIP-1152); older brokers list them all.
   */
  private Collection<TransactionListing> list(String prefix)
      throws ExecutionException, TimeoutException {
    ListTransactionsOptions ongoing =
        new ListTransactionsOptions()
            .filterStates(Set.of(TransactionState.ONGOING))
            .timeoutMs(millis());
    try {
      return get(
          admin.listTransactions(ongoing.filterOnTransactionalIdPattern(startsWith(prefix))).all());
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof UnsupportedVersionException)) {
        throw e;
      }
      ongoing =
          new ListTransactionsOptions()
              .filterStates(Set.of(TransactionState.ONGOING))
              .timeoutMs(millis());
      return get(admin.listTransactions(ongoing).all());
    }
  }

  /**
   * Fences each transactional id: bumps its producer epoch, which aborts its open transaction and
   * makes any producer still using it fail.
   *
   * @return the failure of each id that could not be fenced; empty when all were
   */
  Map<String, Throwable> fence(Collection<String> ids) throws TimeoutException {
    Map<String, Throwable> failed = new LinkedHashMap<>();
    if (ids.isEmpty()) {
      return failed;
    }
    FenceProducersOptions options = new FenceProducersOptions().timeoutMs(millis());
    Map<String, KafkaFuture<Void>> results = admin.fenceProducers(ids, options).fencedProducers();
    for (Map.Entry<String, KafkaFuture<Void>> e : results.entrySet()) {
      try {
        get(e.getValue());
      } catch (ExecutionException x) {
        failed.put(e.getKey(), x.getCause());
      }
    }
    return failed;
  }

  private <T> T get(KafkaFuture<T> future) throws ExecutionException, TimeoutException {
    try {
      return future.get(millis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TimeoutException("interrupted");
    }
  }

  /** What is left of the budget, at least 1 ms. */
  private int millis() {
    long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
    return (int) Math.max(1, Math.min(Integer.MAX_VALUE, left));
  }

  /**
   * A regular expression matching ids that start with {@code prefix}, taken literally: its
   * metacharacters escaped, which Java's and RE2's syntax read alike.
   */
  static String startsWith(String prefix) {
    StringBuilder regex = new StringBuilder("^");
    for (char c : prefix.toCharArray()) {
      if (REGEX_META.indexOf(c) >= 0) {
        regex.append('\\');
      }
      regex.append(c);
    }
    return regex.append(".*").toString();
  }
}
