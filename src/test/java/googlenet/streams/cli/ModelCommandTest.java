package googlenet.streams.cli;

import static org.assertj.core.api.Assertions.assertThat;

import googlenet.streams.label.Labels;
import googlenet.streams.model.Checksums;
import googlenet.streams.model.SyntheticGoogLeNet;
import googlenet.streams.testing.StaticHttpServer;
import googlenet.streams.testing.TestModels;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ModelCommandTest {
  private static final String ZOO_MODEL =
      "/zoo/inception_and_googlenet/googlenet/model/googlenet-12.onnx";

  @TempDir Path dir;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cli = Main.newCommandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }

  @Test
  void shouldSynthesiseTheSameBytesAsTheGenerator() throws Exception {
    Path file = dir.resolve("m.onnx");

    int status =
        run("model", "synth", "--out", file.toString(), "--width-divisor", "8", "--seed", "3");

    assertThat(status).isZero();
    assertThat(Checksums.sha256(file))
        .isEqualTo(Checksums.sha256(SyntheticGoogLeNet.build(8, 3, false)));
    assertThat(out.toString()).contains(file.toString()).contains(Checksums.sha256(file));
  }

  @Test
  void shouldRefuseAZeroWidthDivisorAsAUsageError() {
    int status =
        run("model", "synth", "--out", dir.resolve("m.onnx").toString(), "--width-divisor", "0");

    assertThat(status).isEqualTo(2);
    assertThat(err.toString()).contains("--width-divisor must be >= 1, got 0");
    assertThat(dir.resolve("m.onnx")).doesNotExist();
  }

  @Test
  void shouldPrepareAFixedBatchModelAndReportTheChanges() throws Exception {
    Path prepared = dir.resolve("prepared.onnx");

    int status =
        run(
            "model",
            "prepare",
            "--in",
            TestModels.fixedBatchSmall().toString(),
            "--out",
            prepared.toString());

    assertThat(status).isZero();
    assertThat(out.toString())
        .contains("input data_0: batch dimension 1 -> N")
        .contains("[-1, 128]");
    run("model", "info", prepared.toString());
    assertThat(out.toString()).contains("batch       any size");
  }

  @Test
  void shouldSayWhenTheModelIsAlreadyBatchable() {
    int status =
        run(
            "model",
            "prepare",
            "--in",
            TestModels.small().toString(),
            "--out",
            dir.resolve("p.onnx").toString());

    assertThat(status).isZero();
    assertThat(out.toString()).contains("already batchable");
  }

  @Test
  void shouldPrintInfoAsTextAndJson() {
    assertThat(run("model", "info", TestModels.fixedBatchSmall().toString())).isZero();
    assertThat(out.toString())
        .contains("input       data_0 float [1,3,224,224]")
        .contains("output      prob_1 float [1,1000]")
        .contains("fixed at 1; run 'model prepare");

    assertThat(run("model", "info", "--json", TestModels.small().toString())).isZero();
    assertThat(out.toString())
        .contains("\"fixedBatch\":false")
        .contains(
            "{\"name\":\"data_0\",\"elementType\":\"float\",\"shape\":[\"N\",\"3\",\"224\",\"224\"]}");
  }

  @Test
  void shouldPrintTheInceptionModulesOfTheFullSyntheticModel() {
    assertThat(run("model", "info", TestModels.full().toString())).isZero();

    assertThat(out.toString())
        .contains("inception   9 modules")
        .contains(
            "3a      28x28x256      64      96   128      16    32    32    163.7K    128.0M"
                + "    393.5K    308.3M     229.8K 58%     180.2M 58%")
        .contains("5b      7x7x1024      384     192   384      48   128   128   1444.1K     70.7M")
        .contains("network     6,998,552 parameters and 1,582,671,872 multiply-adds");

    assertThat(run("model", "info", "--json", TestModels.full().toString())).isZero();
    assertThat(out.toString())
        .contains("\"name\":\"3a\",\"concat\":\"inception_3a/output\",\"inChannels\":192")
        .contains("\"networkMultAdds\":1582671872");
  }

  @Test
  void shouldFuseThePreprocessingIntoABatchableModel() {
    Path fused = dir.resolve("fused.onnx");

    int status =
        run(
            "model",
            "prepare",
            "--in",
            TestModels.fixedBatchSmall().toString(),
            "--out",
            fused.toString(),
            "--fuse-preprocess",
            "--input-size",
            "256,240");

    assertThat(status).isZero();
    assertThat(out.toString())
        .contains("input data_0: batch dimension 1 -> N")
        .contains("fused the caffe-bgr preprocessing: input image_uint8 uint8 [N,256,240,3]");
    run("model", "info", fused.toString());
    assertThat(out.toString())
        .contains("input       image_uint8 uint8 [N,256,240,3]")
        .contains("opset       ai.onnx 18")
        .contains("metadata    fused_input_size=256x240")
        .contains("inception   9 modules");
  }

  @Test
  void shouldRefuseABadInputSizeAndACroppingProfile() {
    String in = TestModels.small().toString();
    String fused = dir.resolve("fused.onnx").toString();

    assertThat(
            run(
                "model",
                "prepare",
                "--in",
                in,
                "--out",
                fused,
                "--fuse-preprocess",
                "--input-size",
                "224x224"))
        .isEqualTo(2);
    assertThat(
            run(
                "model",
                "prepare",
                "--in",
                in,
                "--out",
                fused,
                "--fuse-preprocess",
                "--profile",
                "torchvision-rgb"))
        .isEqualTo(2);

    assertThat(err.toString())
        .contains("--input-size must be H,W such as 224,224, got '224x224'")
        .contains("only caffe-bgr (a plain resize) can be fused");
    assertThat(dir.resolve("fused.onnx")).doesNotExist();
  }

  @Test
  void shouldRefuseInfoOnAMissingFileAsAUsageError() {
    String missing = dir.resolve("missing.onnx").toString();

    assertThat(run("model", "info", missing)).isEqualTo(2);
    assertThat(err.toString()).contains(missing);
  }

  @Test
  void shouldFetchFromAMirrorWithOverriddenChecksumAndPrintThePathsToUse() throws Exception {
    byte[] model = Files.readAllBytes(TestModels.fixedBatchSmall());
    byte[] synset = Labels.imagenetFileBytes();
    try (StaticHttpServer zoo =
        StaticHttpServer.serve(Map.of(ZOO_MODEL, model, "/zoo/synset.txt", synset))) {
      int status =
          run(
              "model",
              "fetch",
              "--dir",
              dir.toString(),
              "--base-url",
              zoo.uri("/zoo/").toString(),
              "--sha256",
              Checksums.sha256(model),
              "--size",
              Integer.toString(model.length));

      assertThat(status).isZero();
    }
    assertThat(out.toString())
        .contains("model      " + dir.resolve("googlenet-12-batchable.onnx"))
        .contains("labels     " + dir.resolve("synset.txt"));
  }

  @Test
  void shouldExitOneWhenTheDownloadDoesNotMatchThePublishedChecksum() throws Exception {
    byte[] model = Files.readAllBytes(TestModels.fixedBatchSmall());
    try (StaticHttpServer zoo = StaticHttpServer.serve(Map.of(ZOO_MODEL, model))) {
      int status =
          run(
              "model",
              "fetch",
              "--dir",
              dir.toString(),
              "--base-url",
              zoo.uri("/zoo").toString(),
              "--size",
              Integer.toString(model.length));

      assertThat(status).isEqualTo(1);
    }
    assertThat(err.toString())
        .contains("c99c507058eaf41de8723408fdda7db8325cb57f0a89f2ee07a716d6e963e14e")
        .contains(Checksums.sha256(model));
    assertThat(dir.resolve("googlenet-12.onnx")).doesNotExist();
  }

  @Test
  void shouldRefuseAnUnknownVariantAsAUsageError() {
    assertThat(run("model", "fetch", "--dir", dir.toString(), "--variant", "resnet50"))
        .isEqualTo(2);
    assertThat(err.toString()).contains("resnet50").contains("googlenet-12-int8");
  }

  @Test
  void shouldExitTwoWithoutASubcommand() {
    assertThat(run("model")).isEqualTo(2);
    assertThat(err.toString()).contains("synth").contains("fetch");
  }
}
