package googlenet.streams.tools.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

@EnabledOnOs(OS.LINUX)
class JitCpuTest {
  @Test
  void shouldCountTheCompilerThreadsTimeWhichOnlyGrows() {
    long first = JitCpu.nanos();
    // Work the JIT compiles; the reading must not go back even if a compiler thread stops.
    long sum = IntStream.range(0, 2_000_000).mapToLong(i -> (long) i * i % 7).sum();
    long second = JitCpu.nanos();

    assertThat(sum).isPositive();
    assertThat(first).isNotNegative().isEqualTo(first / 10_000_000L * 10_000_000L);
    assertThat(second).isGreaterThanOrEqualTo(first);
    assertThat(second).isLessThan(CpuSample.processNanos() + 10_000_000L);
  }
}
