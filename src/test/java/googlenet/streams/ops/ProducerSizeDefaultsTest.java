package googlenet.streams.ops;

import static org.assertj.core.api.Assertions.assertThat;

import googlenet.streams.config.GnsConfig;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * The service's producer takes a record of image.max.bytes plus headers (Kafka's 1 MiB default
 * would stop the service on the first larger image it buffers or dead-letters), unless configured.
 */
class ProducerSizeDefaultsTest {
  @Test
  void shouldSizeProducerRequestsToImageMaxBytesPlusOneMebibyte() {
    GnsConfig config =
        GnsConfig.fromMap(Map.of("bootstrap.servers", "k:9092", "image.max.bytes", "5000000"));

    Properties props = config.streamsProperties();

    assertThat(config.producerMaxRequestBytes()).isEqualTo(5_000_000 + 1_048_576);
    assertThat(props)
        .containsEntry("producer.max.request.size", "6048576")
        .containsEntry("producer.buffer.memory", Long.toString(32L << 20));
  }

  @Test
  void shouldKeepAConfiguredRequestSize() {
    GnsConfig config =
        GnsConfig.fromMap(Map.of("bootstrap.servers", "k:9092", "max.request.size", "3000000"));

    Properties props = config.streamsProperties();

    assertThat(config.producerMaxRequestBytes()).isEqualTo(3_000_000);
    assertThat(props).containsEntry("max.request.size", "3000000");
    assertThat(props).doesNotContainKey("producer.max.request.size");
  }
}
