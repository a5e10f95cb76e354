package googlenet.streams.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class SoftmaxTest {
  @Test
  void shouldMatchHandComputedValues() {
    float[] x = {1f, 2f, 3f};

    Softmax.inPlace(x);

    // e^1, e^2, e^3 over their sum 30.19287485
    assertThat(x)
        .containsExactly(new float[] {0.09003057f, 0.24472847f, 0.66524096f}, within(1e-7f));
  }

  @Test
  void shouldStayFiniteForHugeLogits() {
    float[] x = {1000f, 1000f, -1000f};

    Softmax.inPlace(x);

    assertThat(x).containsExactly(new float[] {0.5f, 0.5f, 0f}, within(1e-7f));
  }
}
