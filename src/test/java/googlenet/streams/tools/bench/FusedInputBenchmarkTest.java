package googlenet.streams.tools.bench;

import static org.assertj.core.api.Assertions.assertThat;

import googlenet.streams.testing.TestModels;
import java.util.List;
import org.junit.jupiter.api.Test;

class FusedInputBenchmarkTest {

  @Test
  void shouldReportTheBytesEachWayPutsIntoTheModelInput() throws Exception {
    DecoderBenchmark.Input input = DecoderBenchmark.inputs().get(0);

    List<FusedInputBenchmark.Figure> figures =
        FusedInputBenchmark.run(
            TestModels.small(),
            input,
            List.of(new int[] {224, 224}, new int[] {256, 256}),
            8,
            1,
            2);

    assertThat(figures)
        .extracting(FusedInputBenchmark.Figure::name, FusedInputBenchmark.Figure::bytesPerImage)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("float CHW, original model 224x224", 602_112),
            org.assertj.core.groups.Tuple.tuple("uint8 HWC, fused model 224x224", 150_528),
            org.assertj.core.groups.Tuple.tuple("uint8 HWC, fused model 256x256", 196_608));
    assertThat(figures).allSatisfy(f -> assertThat(f.hostCpuMs()).isPositive());
    assertThat(figures).allSatisfy(f -> assertThat(f.modelMs()).isPositive());
    assertThat(FusedInputBenchmark.report(input, figures, 2))
        .contains("| uint8 HWC, fused model 224x224 | 150,528 | 0.25 |");
  }
}
