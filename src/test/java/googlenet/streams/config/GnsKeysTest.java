package googlenet.streams.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

class GnsKeysTest {
  @Test
  void shouldClaimNoNamespaceThatAKafkaKeyUses() {
    Set<String> kafkaKeys = new HashSet<>(StreamsConfig.configDef().names());
    kafkaKeys.addAll(ProducerConfig.configNames());
    kafkaKeys.addAll(ConsumerConfig.configNames());
    kafkaKeys.addAll(AdminClientConfig.configNames());

    assertThat(kafkaKeys).noneMatch(GnsKeys::isGnsNamespace);
  }

  @Test
  void shouldDeriveEnvironmentVariablesFromKeys() {
    assertThat(GnsKeys.envVar("batch.max.size")).isEqualTo("GNS_BATCH_MAX_SIZE");
    assertThat(GnsKeys.envVar("model.sha256")).isEqualTo("GNS_MODEL_SHA256");
  }
}
