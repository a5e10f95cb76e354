package googlenet.streams.tools.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class EmbeddedKafkaBrokerBuilderTest {

  @Test
  void shouldGiveEveryListenerItsOwnPortOfTheLoopback() {
    List<String> names = IntStream.range(0, 32).mapToObj(i -> "L" + i).toList();

    for (int round = 0; round < 10; round++) {
      Map<String, String> addresses = EmbeddedKafkaBrokerBuilder.allocateAddresses(names);

      assertThat(addresses).containsOnlyKeys(names);
      assertThat(addresses.values()).allMatch(a -> a.matches("127\\.0\\.0\\.1:[1-9][0-9]*"));
      assertThat(addresses.values()).doesNotHaveDuplicates();
    }
  }
}
