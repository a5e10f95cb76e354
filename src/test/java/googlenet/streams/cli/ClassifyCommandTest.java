package googlenet.streams.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import googlenet.streams.label.Labels;
import googlenet.streams.testing.TestModels;
import googlenet.streams.tools.fixtures.BrokenImage;
import googlenet.streams.tools.fixtures.SampleImages;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassifyCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  private static List<JsonNode> json(CommandRun run) {
    return run.outLines().stream()
        .map(
            line -> {
              try {
                return JSON.readTree(line);
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            })
        .toList();
  }

  private String write(String name, byte[] bytes) throws IOException {
    return Files.write(dir.resolve(name), bytes).toString();
  }

  private String model() {
    return TestModels.small().toString();
  }

  @Test
  void shouldPrintOneLinePerFileInOrderAndExitOneWhenAnyIsRejected() throws IOException {
    String cat = write("cat.jpg", SampleImages.jpeg(320, 240, 1));
    String text = write("notes.jpg", "just text, not an image".getBytes());
    String dog = write("dog.png", SampleImages.png(300, 200, 2));
    String missing = dir.resolve("missing.jpg").toString();

    CommandRun run =
        CommandRun.of(
            "classify",
            "--model",
            model(),
            "--labels",
            synsetFile(),
            "--top-k",
            "3",
            "--batch-size",
            "2",
            cat,
            text,
            dog,
            missing);

    List<JsonNode> lines = json(run);
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(lines)
        .extracting(l -> l.get("file").asText())
        .containsExactly(cat, text, dog, missing);
    assertLabelled(lines.get(0), 3);
    assertLabelled(lines.get(2), 3);
    assertThat(lines.get(0).at("/top/0/label").asText()).startsWith("custom ");
    assertThat(lines.get(1).at("/error/reason").asText()).isEqualTo("unsupported-format");
    assertThat(lines.get(3).at("/error/reason").asText()).isEqualTo("unreadable");
    assertThat(lines.get(3).at("/error/message").asText()).contains(missing);
  }

  private static void assertLabelled(JsonNode line, int k) {
    assertThat(line.get("provider").asText()).isEqualTo("CPU");
    assertThat(line.has("error")).isFalse();
    JsonNode top = line.get("top");
    assertThat(top).hasSize(k);
    double previous = 1.0;
    for (JsonNode p : top) {
      int index = p.get("index").asInt();
      assertThat(index).isBetween(0, 999);
      assertThat(p.get("synset").asText()).matches("n\\d{8}");
      assertThat(p.get("label").asText()).isNotBlank();
      assertThat(p.get("probability").asDouble()).isBetween(0.0, previous);
      previous = p.get("probability").asDouble();
    }
  }

  @Test
  void shouldRejectEveryBrokenImageWithItsReasonAndGoOn() throws IOException {
    List<String> args = new ArrayList<>(List.of("classify", "--model", model()));
    List<BrokenImage> broken = SampleImages.broken();
    for (BrokenImage image : broken) {
      args.add(write(image.name(), image.bytes()));
    }
    String good = write("good.jpg", SampleImages.jpeg(224, 224, 3));
    args.add(good);

    CommandRun run = CommandRun.of(args.toArray(String[]::new));

    List<JsonNode> lines = json(run);
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(lines).hasSize(broken.size() + 1);
    for (int i = 0; i < broken.size(); i++) {
      assertThat(lines.get(i).at("/error/reason").asText())
          .as(broken.get(i).name())
          .isEqualTo(broken.get(i).expected().code());
    }
    assertThat(lines.get(broken.size()).get("top")).hasSize(5);
  }

  @Test
  void shouldNameClassesWithTheShippedImageNetLabelsWithoutLabelsOption() throws IOException {
    String a = write("a.jpg", SampleImages.jpeg(200, 150, 4));
    String b = write("b.jpg", SampleImages.jpeg(150, 200, 5));

    CommandRun run = CommandRun.of("classify", "--model", model(), "--top-k", "1", a, b);

    assertThat(run.exitCode()).isEqualTo(0);
    List<JsonNode> lines = json(run);
    assertThat(lines).hasSize(2);
    JsonNode top = lines.get(0).at("/top/0");
    int index = top.get("index").asInt();
    assertThat(top.get("synset").asText()).isEqualTo(Labels.imagenet().predict(index, 0).synset());
    assertThat(top.get("label").asText()).isEqualTo(Labels.imagenet().predict(index, 0).label());
  }

  @Test
  void shouldUseTheSynsetFileBesideTheModelWithoutLabelsOption() throws IOException {
    Path fetched = Files.createDirectories(dir.resolve("fetched"));
    Path model = Files.copy(TestModels.small(), fetched.resolve("googlenet-12-batchable.onnx"));
    Files.copy(Path.of(synsetFile()), fetched.resolve("synset.txt"));
    String a = write("a.jpg", SampleImages.jpeg(200, 150, 4));

    CommandRun run = CommandRun.of("classify", "--model", model.toString(), "--top-k", "2", a);

    assertThat(run.exitCode()).isEqualTo(0);
    JsonNode line = json(run).get(0);
    assertLabelled(line, 2);
    assertThat(line.at("/top/0/label").asText())
        .isEqualTo("custom " + line.at("/top/0/index").asInt());
  }

  /**
   * A synset file of 1000 made-up classes, {@code n00000007 custom 7}, to tell it from ImageNet.
   */
  private String synsetFile() throws IOException {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < Labels.IMAGENET_CLASSES; i++) {
      text.append(String.format(Locale.ROOT, "n%08d custom %d%n", i, i));
    }
    return write("custom-synset.txt", text.toString().getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void shouldPrintTheSameLinesWhateverTheBatchSize() throws IOException {
    List<String> files = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      files.add(write("img" + i + ".jpg", SampleImages.jpeg(256, 192, 10 + i)));
    }
    List<String> one =
        new ArrayList<>(List.of("classify", "--model", model(), "--batch-size", "1"));
    one.addAll(files);
    List<String> three =
        new ArrayList<>(List.of("classify", "--model", model(), "--batch-size", "3"));
    three.addAll(files);

    List<JsonNode> singles = json(CommandRun.of(one.toArray(String[]::new)));
    List<JsonNode> batched = json(CommandRun.of(three.toArray(String[]::new)));

    assertThat(batched).hasSize(3);
    for (int i = 0; i < 3; i++) {
      for (int k = 0; k < 5; k++) {
        JsonNode s = singles.get(i).at("/top/" + k);
        JsonNode b = batched.get(i).at("/top/" + k);
        assertThat(b.get("index")).isEqualTo(s.get("index"));
        assertThat(b.get("probability").asDouble())
            .isCloseTo(
                s.get("probability").asDouble(), org.assertj.core.api.Assertions.within(1e-5));
      }
    }
  }

  @Test
  void shouldReportCpuWhenCudaFallsBack() throws IOException {
    String a = write("a.jpg", SampleImages.jpeg(200, 150, 6));

    CommandRun run =
        CommandRun.of("classify", "--model", model(), "--execution-provider", "cuda", a);

    assertThat(run.exitCode()).isEqualTo(0);
    assertThat(json(run).get(0).get("provider").asText()).isEqualTo("CPU");
  }

  @Test
  void shouldExitTwoWhenStrictCudaIsMissing() throws IOException {
    String a = write("a.jpg", SampleImages.jpeg(200, 150, 6));

    CommandRun run =
        CommandRun.of(
            "classify",
            "--model",
            model(),
            "--execution-provider",
            "cuda-strict",
            "--device-id",
            "3",
            "--cuda-option",
            "cudnn_conv_algo_search=HEURISTIC",
            a);

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.err())
        .contains("cuda-strict")
        .contains("device 3")
        .contains("CUDA 12")
        .contains("-Pgpu");
  }

  @Test
  void shouldExitTwoNamingABadOptionValue() throws IOException {
    String a = write("a.jpg", SampleImages.jpeg(64, 64, 7));

    CommandRun provider =
        CommandRun.of("classify", "--model", model(), "--execution-provider", "tpu", a);
    CommandRun profile = CommandRun.of("classify", "--model", model(), "--profile", "bgr", a);
    CommandRun topK = CommandRun.of("classify", "--model", model(), "--top-k", "0", a);
    CommandRun noFiles = CommandRun.of("classify", "--model", model());
    CommandRun softmax = CommandRun.of("classify", "--model", model(), "--softmax", "twice", a);

    assertThat(provider.exitCode()).isEqualTo(2);
    assertThat(provider.err()).contains("'tpu'").contains("cuda-strict");
    assertThat(profile.exitCode()).isEqualTo(2);
    assertThat(profile.err()).contains("'bgr'").contains("caffe-bgr");
    assertThat(topK.exitCode()).isEqualTo(2);
    assertThat(topK.err()).contains("--top-k").contains("got 0");
    assertThat(noFiles.exitCode()).isEqualTo(2);
    assertThat(noFiles.err()).contains("FILE");
    assertThat(softmax.exitCode()).isEqualTo(2);
    assertThat(softmax.err()).contains("'twice'").contains("always");
  }

  @Test
  void shouldExitTwoNamingAMissingModel() throws IOException {
    String a = write("a.jpg", SampleImages.jpeg(64, 64, 8));
    String model = dir.resolve("nope.onnx").toString();

    CommandRun run = CommandRun.of("classify", "--model", model, a);

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains(model);
  }

  @Test
  void shouldExitTwoWhenLabelsDoNotFitTheModel() throws IOException {
    String a = write("a.jpg", SampleImages.jpeg(64, 64, 9));
    String labels = Files.writeString(dir.resolve("three.txt"), "n1 a\nn2 b\nn3 c\n").toString();

    CommandRun run = CommandRun.of("classify", "--model", model(), "--labels", labels, a);

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("3 classes").contains("1000 classes").contains("--labels");
  }

  @Test
  void shouldWarnThatTheDefaultSyntheticModelHasMeaninglessLabels() throws IOException {
    String a = write("a.jpg", SampleImages.jpeg(64, 64, 10));

    CommandRun run = CommandRun.of("classify", a);

    assertThat(run.exitCode()).isEqualTo(0);
    assertThat(run.err()).contains("synthetic").contains("meaningless").contains("model fetch");
    assertThat(json(run)).hasSize(1);
  }
}
