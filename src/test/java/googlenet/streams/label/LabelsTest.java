package googlenet.streams.label;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabelsTest {
  /** SHA-256 of the ONNX model zoo's synset.txt (validated/vision/classification). */
  private static final String ZOO_SYNSET_SHA256 =
      "acf75ef0abe89694b19056e0796401068b459c457baa30335f240c7692857355";

  private static final Labels FIVE = Labels.indexOnly(5);

  @TempDir Path dir;

  private static List<Integer> indices(List<Prediction> predictions) {
    return predictions.stream().map(Prediction::index).toList();
  }

  @Test
  void shouldRankMostProbableFirst() {
    float[] p = {0.05f, 0.4f, 0.1f, 0.3f, 0.15f};

    List<Prediction> top = FIVE.topK(p, 3);

    assertThat(indices(top)).containsExactly(1, 3, 4);
    assertThat(top).extracting(Prediction::probability).containsExactly(0.4f, 0.3f, 0.15f);
  }

  @Test
  void shouldBreakTiesByLowerIndex() {
    float[] p = {0.1f, 0.3f, 0.3f, 0.0f, 0.3f};

    assertThat(indices(FIVE.topK(p, 2))).containsExactly(1, 2);
    assertThat(indices(FIVE.topK(p, 5))).containsExactly(1, 2, 4, 0, 3);
  }

  @Test
  void shouldReturnEveryClassSortedWhenKExceedsClassCount() {
    float[] p = {0.2f, 0.5f, 0.3f};

    assertThat(indices(Labels.indexOnly(3).topK(p, 10))).containsExactly(1, 2, 0);
  }

  @Test
  void shouldReturnNothingForZeroAndRefuseNegativeK() {
    float[] p = {0.2f, 0.8f};

    assertThat(FIVE.topK(p, 0)).isEmpty();
    assertThatThrownBy(() -> FIVE.topK(p, -1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("-1");
  }

  @Test
  void shouldRankNanBelowEveryNumber() {
    float[] p = {Float.NaN, 0.1f, 0.9f};

    assertThat(indices(Labels.indexOnly(3).topK(p, 3))).containsExactly(2, 1, 0);
  }

  @Test
  void shouldNameClassesByIndexWithoutLabelFile() {
    Prediction prediction = FIVE.topK(new float[] {0f, 0f, 1f}, 1).get(0);

    assertThat(prediction).isEqualTo(new Prediction(2, null, "class 2", 1f));
    assertThat(FIVE.hasNames()).isFalse();
    assertThat(FIVE.size()).isEqualTo(5);
  }

  @Test
  void shouldShipImageNetsSynsetsUnchangedFromTheModelZoo() throws Exception {
    byte[] shipped = Labels.imagenetFileBytes();
    String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(shipped));

    assertThat(sha256).isEqualTo(ZOO_SYNSET_SHA256);
    assertThat(Labels.defaultFor(1000)).isSameAs(Labels.imagenet());
    assertThat(Labels.defaultFor(10).hasNames()).isFalse();
    assertThat(Labels.defaultFor(10).predict(3, 1f).label()).isEqualTo("class 3");
  }

  @Test
  void shouldLoadTheImageNetSynsetFile() throws IOException {
    Path file = Files.write(dir.resolve("synset.txt"), Labels.imagenetFileBytes());

    for (Labels labels : List.of(Labels.load(file), Labels.imagenet())) {
      assertImageNet(labels);
    }
  }

  private static void assertImageNet(Labels labels) {

    assertThat(labels.size()).isEqualTo(1000);
    assertThat(labels.hasNames()).isTrue();
    assertThat(labels.predict(281, 0.5f))
        .isEqualTo(new Prediction(281, "n02123045", "tabby, tabby cat", 0.5f));
    assertThat(labels.predict(0, 1f).label()).isEqualTo("tench, Tinca tinca");
    assertThat(labels.predict(999, 1f).synset()).isEqualTo("n15075141");
  }

  @Test
  void shouldIgnoreByteOrderMarkAndTrailingBlankLines() throws IOException {
    Path file = write("\uFEFFn01 first label\nn02 second\n\n  \n");

    Labels labels = Labels.load(file);

    assertThat(labels.size()).isEqualTo(2);
    assertThat(labels.predict(0, 1f).synset()).isEqualTo("n01");
    assertThat(labels.predict(1, 1f).label()).isEqualTo("second");
  }

  @Test
  void shouldRefuseMalformedLineNamingFileAndLine() throws IOException {
    Path file = write("n01 first\nn02\nn03 third\n");

    assertThatThrownBy(() -> Labels.load(file))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("line 2")
        .hasMessageContaining("'n02'");
  }

  @Test
  void shouldRefuseBlankLineInTheMiddleBecauseItShiftsIndices() throws IOException {
    Path file = write("n01 first\n\nn03 third\n");

    assertThatThrownBy(() -> Labels.load(file)).hasMessageContaining("line 2");
  }

  @Test
  void shouldRefuseAnEmptyFile() throws IOException {
    Path file = write("\n");

    assertThatThrownBy(() -> Labels.load(file))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no labels");
  }

  private Path write(String text) throws IOException {
    return Files.writeString(dir.resolve("labels.txt"), text, StandardCharsets.UTF_8);
  }
}
