package googlenet.streams.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class KafkaBrokersTest {
  private final String saved = System.getProperty(KafkaBrokers.SELECTION);

  @AfterEach
  void restore() {
    if (saved == null) {
      System.clearProperty(KafkaBrokers.SELECTION);
    } else {
      System.setProperty(KafkaBrokers.SELECTION, saved);
    }
  }

  @Test
  void shouldOfferEmbeddedAndContainerUnderAuto() {
    System.setProperty(KafkaBrokers.SELECTION, "auto");
    assertThat(KafkaBrokers.available()).containsExactly(BrokerKind.EMBEDDED, BrokerKind.CONTAINER);
  }

  @Test
  void shouldOfferOnlyTheExplicitlySelectedBroker() {
    System.setProperty(KafkaBrokers.SELECTION, "Embedded");
    assertThat(KafkaBrokers.available()).containsExactly(BrokerKind.EMBEDDED);
    System.setProperty(KafkaBrokers.SELECTION, "external");
    assertThat(KafkaBrokers.available()).containsExactly(BrokerKind.EXTERNAL);
  }

  @Test
  void shouldNameTheAcceptedValuesForAnUnknownSelection() {
    System.setProperty(KafkaBrokers.SELECTION, "docker");
    assertThatThrownBy(KafkaBrokers::available)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("docker")
        .hasMessageContaining("auto, embedded, container or external");
  }
}
