package googlenet.streams.deploy;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

/**
 * One deployed pipeline of a test: its own topics and application id on the shared broker, and
 * service containers configured the way a user configures them, by environment variables only.
 *
 * @param applicationId the Kafka Streams application id (the consumer group) of the service
 * @param input the images topic
 * @param output the classifications topic
 * @param dlq the dead-letter topic
 */
record TestPipeline(String applicationId, String input, String output, String dlq) {
  /** The ops port the image opens (metrics and health; GNS_METRICS_PORT in deploy/Dockerfile). */
  static final int OPS_PORT = 9404;

  /**
   * Creates fresh topics ({@code partitions} for input and output) for a test named {@code name}.
   */
  static TestPipeline create(String name, int partitions) {
    String id = name + "-" + UUID.randomUUID().toString().substring(0, 8);
    TestPipeline pipeline =
        new TestPipeline("gns-" + id, id + ".images", id + ".classifications", id + ".dlq");
    DeployEnvironment.get()
        .createTopics(
            Map.of(pipeline.input, partitions, pipeline.output, partitions, pipeline.dlq, 1));
    return pipeline;
  }

  /** The environment of a service container, as in deploy/compose.yaml, scaled down for tests. */
  Map<String, String> environment(String instanceId) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("KAFKA_BOOTSTRAP_SERVERS", DeployEnvironment.INTERNAL_BOOTSTRAP);
    env.put("KAFKA_APPLICATION_ID", applicationId);
    // Static membership: a replacement with the same instance id takes over at once.
    env.put("KAFKA_GROUP_INSTANCE_ID", instanceId);
    env.put("KAFKA_SESSION_TIMEOUT_MS", "6000");
    env.put("KAFKA_HEARTBEAT_INTERVAL_MS", "1000");
    env.put("GNS_INPUT_TOPIC", input);
    env.put("GNS_OUTPUT_TOPIC", output);
    env.put("GNS_DLQ_TOPIC", dlq);
    env.put("GNS_MODEL_PATH", "synthetic-small");
    env.put("GNS_BATCH_MAX_SIZE", "4");
    env.put("GNS_BATCH_MAX_DELAY_MS", "100");
    return env;
  }

  /**
   * A service container (not started) from the image built from deploy/Dockerfile, on the shared
   * network, with a 1 GiB memory limit (the JVM sizes its heap from it), its output in {@code
   * target/container-logs/}, started once {@code /health/ready} on the image's ops port answers 200
   * (model loaded, Kafka Streams RUNNING).
   */
  GenericContainer<?> service(String instanceId) {
    return service(instanceId, ServiceImage.name());
  }

  /** Like {@link #service(String)} on another image of the service, e.g. the GPU build. */
  GenericContainer<?> service(String instanceId, String image) {
    return new GenericContainer<>(DockerImageName.parse(image))
        .withNetwork(DeployEnvironment.get().network())
        .withEnv(environment(instanceId))
        .withCreateContainerCmdModifier(cmd -> cmd.getHostConfig().withMemory(1024L * 1024 * 1024))
        .withLogConsumer(new ContainerLogFile(applicationId + "-" + instanceId))
        .withExposedPorts(OPS_PORT)
        .waitingFor(
            Wait.forHttp("/health/ready")
                .forPort(OPS_PORT)
                .forStatusCode(200)
                .withStartupTimeout(Duration.ofMinutes(3)));
  }
}
