package googlenet.streams.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.model.DeviceRequest;
import googlenet.streams.avro.Classification;
import googlenet.streams.serde.AvroSerde;
import googlenet.streams.testing.CommittedReader;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.testcontainers.containers.GenericContainer;

/**
 * The GPU deployment: the service container gets the GPU through the container's device requests
 * (what {@code docker run --gpus all} and compose's {@code deploy.resources.reservations.devices}
 * send), runs with {@code cuda-strict} (no silent CPU fallback), and every result says CUDA.
 *
 * <p>Off by default (no GPU on the build machines). On a GPU host with the NVIDIA container
 * toolkit: build the GPU image (deploy/README.md) and run {@code ./mvnw -B verify -Dgns.gpu=true
 * -Dgns.gpu.image=googlenet-streams:0.1.0-gpu -Dit.test=GpuServiceIT}.
 */
@RequiresContainerEngine
@EnabledIfSystemProperty(
    named = "gns.gpu",
    matches = "true",
    disabledReason =
        "GPU container test skipped: no -Dgns.gpu=true (needs an NVIDIA GPU, the"
            + " NVIDIA container toolkit and the GPU image; see deploy/README.md)")
class GpuServiceIT {

  @Test
  void shouldLabelImagesOnTheGpuRequestedThroughDeviceRequests() {
    TestPipeline pipeline = TestPipeline.create("gpu", 2);
    List<DeployInputs.Input> inputs = DeployInputs.inputs("gpu", 40, 10);
    DeployInputs.produce(DeployEnvironment.get().bootstrapServers(), pipeline.input(), inputs);
    String image = System.getProperty("gns.gpu.image", "googlenet-streams:0.1.0-gpu");

    try (GenericContainer<?> service =
        pipeline
            .service("gpu-1", image)
            .withEnv("GNS_EXECUTION_PROVIDER", "cuda-strict")
            .withCreateContainerCmdModifier(
                cmd ->
                    cmd.getHostConfig()
                        .withDeviceRequests(
                            List.of(
                                new DeviceRequest()
                                    .withDriver("nvidia")
                                    .withCount(-1)
                                    .withCapabilities(List.of(List.of("gpu"))))))) {
      service.start();

      ExactlyOnce.assertOutcomes(pipeline, inputs, Duration.ofMinutes(3));
      try (CommittedReader out =
          new CommittedReader(DeployEnvironment.get().bootstrapServers(), pipeline.output())) {
        out.poll(Duration.ofSeconds(5));
        AvroSerde<Classification> serde = AvroSerde.classification();
        assertThat(out.records())
            .isNotEmpty()
            .allSatisfy(
                r ->
                    assertThat(
                            serde
                                .deserializer()
                                .deserialize(r.topic(), r.value())
                                .getExecutionProvider())
                        .isEqualToIgnoringCase("CUDA"));
      }
    }
  }
}
