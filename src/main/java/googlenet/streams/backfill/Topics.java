package googlenet.streams.backfill;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/** Topic look-ups a backfill needs, each failure turned into a message for the user. */
final class Topics {
  static final long TIMEOUT_S = 30;

  private Topics() {}

  /** True when {@code topic} exists. */
  static boolean exists(Admin admin, String topic) throws BackfillException {
    return describe(admin, topic).isPresent();
  }

  /**
   * The description of {@code topic}.
   *
   * @throws BackfillException naming the topic and the option when it does not exist
   */
  static TopicDescription require(Admin admin, String topic, String option)
      throws BackfillException {
    return describe(admin, topic)
        .orElseThrow(
            () ->
                new BackfillException(
                    option + " topic '" + topic + "' does not exist; create it or check the name"));
  }

  /** The description of {@code topic}, empty when it does not exist. */
  static Optional<TopicDescription> describe(Admin admin, String topic) throws BackfillException {
    try {
      return Optional.of(get(admin.describeTopics(Set.of(topic)).allTopicNames()).get(topic));
    } catch (ExecutionException e) {
      if (e.getCause() instanceof UnknownTopicOrPartitionException) {
        return Optional.empty();
      }
      throw new BackfillException("cannot describe topic " + topic + ": " + cause(e), e);
    }
  }

  /**
   * Creates {@code topic} with the partitions and replication of {@code like}, unless it exists,
   * and waits until the brokers describe it: a topic the controller has just created may be unknown
   * to the broker that answers the next request for a moment.
   */
  static void createLike(Admin admin, String topic, TopicDescription like)
      throws BackfillException {
    short replicas = (short) like.partitions().get(0).replicas().size();
    NewTopic newTopic = new NewTopic(topic, like.partitions().size(), replicas);
    try {
      get(admin.createTopics(List.of(newTopic)).all());
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw new BackfillException(
            "cannot create the dead-letter topic "
                + topic
                + ": "
                + cause(e)
                + "; create it yourself or pass --dlq with an existing topic",
            e);
      }
    }
    awaitDescribed(admin, topic);
  }

  private static void awaitDescribed(Admin admin, String topic) throws BackfillException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_S);
    while (describe(admin, topic).isEmpty()) {
      if (System.nanoTime() > deadline) {
        throw new BackfillException(
            "topic "
                + topic
                + " was created but the brokers did not list it within "
                + TIMEOUT_S
                + " s");
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new BackfillException("interrupted while waiting for topic " + topic, e);
      }
    }
  }

  /** Waits for {@code future} at most {@value #TIMEOUT_S} s. */
  static <T> T get(KafkaFuture<T> future) throws ExecutionException, BackfillException {
    try {
      return future.get(TIMEOUT_S, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw new BackfillException(
          "the brokers did not answer within " + TIMEOUT_S + " s; check bootstrap.servers", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BackfillException("interrupted while waiting for the brokers", e);
    }
  }

  /** The message of the cause of {@code e}. */
  static String cause(Exception e) {
    Throwable c = e.getCause() == null ? e : e.getCause();
    return c.getClass().getSimpleName() + ": " + c.getMessage();
  }
}
