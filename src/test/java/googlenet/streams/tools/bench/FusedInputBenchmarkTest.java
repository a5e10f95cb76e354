package googlenet.streams.tools.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import googlenet.streams.image.DecoderMode;
import googlenet.streams.testing.TestModels;
import googlenet.streams.tools.bench.FusedInputBenchmark.Figure;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The fused-input report on real sessions: one row per input and decoder, model runs shared. */
class FusedInputBenchmarkTest {

  @Test
  void shouldReportTheBytesEachWayPutsIntoTheModelInput() throws Exception {
    DecoderBenchmark.Input input = DecoderBenchmark.inputs().get(0);

    List<FusedInputBenchmark.Figure> figures =
        FusedInputBenchmark.run(
            TestModels.small(),
            input,
            List.of(new int[] {224, 224}, new int[] {256, 256}),
            List.of(DecoderMode.IMAGEIO, DecoderMode.NATIVE),
            8,
            1,
            2);

    assertThat(figures)
        .extracting(Figure::name, Figure::decoder, Figure::bytesPerImage)
        .containsExactly(
            tuple("float CHW, original model 224x224", DecoderMode.IMAGEIO, 602_112),
            tuple("uint8 HWC, fused model 224x224", DecoderMode.IMAGEIO, 150_528),
            tuple("uint8 HWC, fused model 256x256", DecoderMode.IMAGEIO, 196_608),
            tuple("float CHW, original model 224x224", DecoderMode.NATIVE, 602_112),
            tuple("uint8 HWC, fused model 224x224", DecoderMode.NATIVE, 150_528),
            tuple("uint8 HWC, fused model 256x256", DecoderMode.NATIVE, 196_608));
    assertThat(figures).allSatisfy(f -> assertThat(f.hostCpuMs()).isPositive());
    assertThat(figures).allSatisfy(f -> assertThat(f.modelMs()).isPositive());
    assertThat(figures.get(4).modelMs()).isEqualTo(figures.get(1).modelMs());
    assertThat(FusedInputBenchmark.report(input, figures, 2))
        .contains("| uint8 HWC, fused model 224x224 | imageio | 150,528 | 0.25 |")
        .contains("| float CHW, original model 224x224 | native | 602,112 | 1.00 | ")
        .contains("| uint8 HWC, fused model 224x224 | native | 150,528 | 0.25 |");
  }
}
