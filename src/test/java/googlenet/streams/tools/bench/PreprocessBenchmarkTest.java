package googlenet.streams.tools.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import googlenet.streams.image.PreprocessProfile;
import java.util.List;
import org.junit.jupiter.api.Test;

class PreprocessBenchmarkTest {
  @Test
  void shouldReportEveryProfileWithOrderedFigures() {
    List<PreprocessBenchmark.Result> results = PreprocessBenchmark.run(5);
    assertThat(results)
        .extracting(PreprocessBenchmark.Result::profile)
        .containsExactly(PreprocessProfile.values());
    for (PreprocessBenchmark.Result r : results) {
      assertThat(r.iterations()).isEqualTo(5);
      assertThat(r.jpegBytes()).isBetween(50_000, 100_000);
      assertThat(r.medianMs()).isPositive().isLessThanOrEqualTo(r.p95Ms());
      assertThat(r.medianCpuMs()).isPositive();
      assertThat(r.describe()).startsWith(r.profile().id() + ": median ");
    }
  }

  @Test
  void shouldRefuseZeroIterations() {
    assertThatThrownBy(() -> PreprocessBenchmark.run(PreprocessProfile.CAFFE_BGR, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("got 0");
  }
}
