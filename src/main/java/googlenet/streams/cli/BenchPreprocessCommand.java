package googlenet.streams.cli;

import googlenet.streams.image.DecoderMode;
import googlenet.streams.image.PreprocessProfile;
import googlenet.streams.model.ModelSource;
import googlenet.streams.tools.bench.DecoderBenchmark;
import googlenet.streams.tools.bench.FusedInputBenchmark;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bench preprocess}: decode + preprocessing cost of the ImageIO and native JPEG decoders on
 * the same images in one run (see {@link DecoderBenchmark}).
 */
@Command(
    name = "preprocess",
    mixinStandardHelpOptions = true,
    description =
        "Decode + preprocess cost per JPEG on one thread, ImageIO against the native decoder on"
            + " the same images in one run: photo-like 640x480 and 1920x1080, and the generated"
            + " 640x480 pictures, quality 0.9. Prints CPU ms per image and images/s.")
final class BenchPreprocessCommand implements Callable<Integer> {
  private static final int FUSED_BATCH = 8;
  private static final int FUSED_BATCHES = 10;

  @Spec CommandSpec spec;

  @Option(
      names = "--decoder",
      defaultValue = "both",
      paramLabel = "both|native|imageio",
      description = "Decoders to measure (default: both).")
  String decoder;

  @Option(
      names = "--profile",
      defaultValue = "caffe-bgr",
      paramLabel = "caffe-bgr|torchvision-rgb",
      description = "Preprocessing profile (default: caffe-bgr).")
  String profile;

  @Option(
      names = "--images",
      defaultValue = "400",
      paramLabel = "N",
      description = "Images measured per input and decoder (default: 400).")
  int images;

  @Option(
      names = "--rounds",
      defaultValue = "8",
      paramLabel = "N",
      description = "Blocks the images are measured in, decoders taking turns (default: 8).")
  int rounds;

  @Option(
      names = "--fused",
      description =
          "Instead: host CPU ms/image and bytes/image for a float model against one with the"
              + " preprocessing fused in (uint8 224x224 and 256x256) with each --decoder, and"
              + " both models' run time on the CPU, on the photo 640x480 JPEGs.")
  boolean fused;

  @Option(
      names = "--model",
      defaultValue = "synthetic",
      paramLabel = "FILE|synthetic|synthetic-small",
      description = "Float model for --fused (default: ${DEFAULT-VALUE}).")
  String model;

  @Override
  public Integer call() {
    if (fused) {
      return BenchExit.of(
          "bench preprocess --fused",
          spec,
          out -> {
            DecoderBenchmark.Input input = DecoderBenchmark.inputs().get(0);
            List<FusedInputBenchmark.Figure> figures =
                FusedInputBenchmark.run(
                    ModelSource.resolve(model),
                    input,
                    List.of(new int[] {224, 224}, new int[] {256, 256}),
                    decoders(),
                    images,
                    FUSED_BATCHES,
                    FUSED_BATCH);
            out.print(FusedInputBenchmark.report(input, figures, FUSED_BATCH));
          });
    }
    return BenchExit.of(
        "bench preprocess",
        spec,
        out -> {
          PreprocessProfile p = PreprocessProfile.fromId(profile);
          List<DecoderBenchmark.Input> inputs = DecoderBenchmark.inputs();
          List<DecoderBenchmark.Figure> figures =
              DecoderBenchmark.run(p, decoders(), inputs, images, rounds);
          out.print(DecoderBenchmark.report(p, inputs, figures));
        });
  }

  private List<DecoderMode> decoders() {
    switch (decoder) {
      case "both":
        return List.of(DecoderMode.IMAGEIO, DecoderMode.NATIVE);
      case "native":
        return List.of(DecoderMode.NATIVE);
      case "imageio":
        return List.of(DecoderMode.IMAGEIO);
      default:
        throw new IllegalArgumentException(
            "--decoder must be both, native or imageio, got '" + decoder + "'");
    }
  }
}
