package googlenet.streams.testing;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * A real Kafka broker for integration tests, whatever runs it: this JVM, a container, or an
 * external cluster. Obtain one from {@link KafkaBrokers#start}.
 */
public interface TestBroker extends AutoCloseable {

  /** What runs the broker, for test names and messages: embedded, container or external. */
  BrokerKind kind();

  /** {@code host:port} list for {@code bootstrap.servers}. */
  String bootstrapServers();

  /** Creates a topic with replication factor 1 (an existing one is left alone). */
  default void createTopic(String name, int partitions) {
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
      admin
          .createTopics(List.of(new NewTopic(name, partitions, (short) 1)))
          .all()
          .get(30, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw new IllegalStateException("could not create topic " + name, e.getCause());
      }
    } catch (InterruptedException | TimeoutException e) {
      throw new IllegalStateException("could not create topic " + name + " in 30 s", e);
    }
  }

  /** Stops the broker if this test started it. */
  @Override
  void close();
}
