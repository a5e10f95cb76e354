package googlenet.streams.deploy;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.testcontainers.containers.Network;
import org.testcontainers.kafka.KafkaContainer;

/**
 * One container network and one Kafka container (the local image) shared by every deployment test
 * class of this JVM; tests isolate themselves with their own topics and application ids. Started on
 * first use, stopped when the JVM exits (Ryuk, Testcontainers' reaper, cannot run without a
 * registry, so nothing else would stop them; {@code .ci/run} also removes leftovers).
 */
final class DeployEnvironment {
  /** Where containers on the network reach the broker (a listener advertised under this name). */
  static final String INTERNAL_BOOTSTRAP = "kafka:19092";

  private final Network network;
  private final KafkaContainer kafka;

  private DeployEnvironment() {
    network = Network.newNetwork();
    kafka = LocalImages.kafka().withNetwork(network).withListener(INTERNAL_BOOTSTRAP);
    kafka.start();
    Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "deploy-environment-stop"));
  }

  private static final class Holder {
    private static final DeployEnvironment INSTANCE = new DeployEnvironment();
  }

  /** The shared environment, started on first call. */
  static DeployEnvironment get() {
    return Holder.INSTANCE;
  }

  Network network() {
    return network;
  }

  /** Bootstrap servers for clients on the host (the container's mapped port). */
  String bootstrapServers() {
    return kafka.getBootstrapServers();
  }

  /** An admin client for the host side; close it. */
  Admin admin() {
    return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()));
  }

  /** Creates topics with the given partition counts (replication factor 1). */
  void createTopics(Map<String, Integer> partitionsByTopic) {
    List<NewTopic> topics =
        partitionsByTopic.entrySet().stream()
            .map(e -> new NewTopic(e.getKey(), e.getValue(), (short) 1))
            .toList();
    try (Admin admin = admin()) {
      admin.createTopics(topics).all().get(30, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("could not create topics " + partitionsByTopic.keySet(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted creating topics", e);
    }
  }

  private void stop() {
    kafka.stop();
    network.close();
  }
}
