package googlenet.streams.label;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Class names of a model's outputs, read once from a synset file whose line i names output i, as
 * {@code n01440764 tench, Tinca tinca}. ImageNet's 1000 synsets ship with the project ({@link
 * #imagenet()}, from the ONNX model zoo's {@code synset.txt}); a model with another class count and
 * no file has its classes named by index.
 */
public final class Labels {
  /** Classes of an ImageNet (ILSVRC 2012) classifier such as GoogLeNet. */
  public static final int IMAGENET_CLASSES = 1000;

  /** Class-path resource, beside this class, holding ImageNet's synsets in model order. */
  static final String IMAGENET_RESOURCE = "imagenet-synset.txt";

  private static final Labels IMAGENET = loadImagenet();

  private final List<String> synsets;
  private final List<String> names;
  private final int size;

  private Labels(List<String> synsets, List<String> names, int size) {
    this.synsets = synsets;
    this.names = names;
    this.size = size;
  }

  /**
   * Reads a synset file (one class per line, synset id, a space, the label).
   *
   * @throws IOException when the file cannot be read
   * @throws IllegalArgumentException naming the file and line when a line is malformed, or when the
   *     file holds no labels
   */
  public static Labels load(Path file) throws IOException {
    return parse(Files.readAllLines(file, StandardCharsets.UTF_8), file.toString());
  }

  /** ImageNet's 1000 classes in model order, as shipped with the project. */
  public static Labels imagenet() {
    return IMAGENET;
  }

  /**
   * The labels of a model with {@code classes} outputs when no synset file is configured: {@link
   * #imagenet()} for 1000 classes, names by index otherwise.
   */
  public static Labels defaultFor(int classes) {
    return classes == IMAGENET_CLASSES ? IMAGENET : indexOnly(classes);
  }

  /** The bytes of the shipped ImageNet synset file. */
  public static byte[] imagenetFileBytes() {
    try (InputStream in = Labels.class.getResourceAsStream(IMAGENET_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(
            "resource " + IMAGENET_RESOURCE + " is missing beside " + Labels.class.getName());
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read resource " + IMAGENET_RESOURCE, e);
    }
  }

  private static Labels loadImagenet() {
    String text = new String(imagenetFileBytes(), StandardCharsets.UTF_8);
    return parse(text.lines().toList(), "resource " + IMAGENET_RESOURCE);
  }

  private static Labels parse(List<String> allLines, String source) {
    List<String> lines = withoutTrailingBlankLines(allLines);
    if (lines.isEmpty()) {
      throw new IllegalArgumentException(
          source + ": no labels; expected one '<synset id> <label>' line per class");
    }
    List<String> synsets = new ArrayList<>(lines.size());
    List<String> names = new ArrayList<>(lines.size());
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (i == 0 && line.startsWith("\uFEFF")) {
        line = line.substring(1);
      }
      int space = line.indexOf(' ');
      if (space <= 0 || space == line.length() - 1) {
        throw new IllegalArgumentException(
            source + " line " + (i + 1) + ": expected '<synset id> <label>', got '" + line + "'");
      }
      synsets.add(line.substring(0, space));
      names.add(line.substring(space + 1));
    }
    return new Labels(List.copyOf(synsets), List.copyOf(names), lines.size());
  }

  private static List<String> withoutTrailingBlankLines(List<String> lines) {
    int end = lines.size();
    while (end > 0 && lines.get(end - 1).isBlank()) {
      end--;
    }
    return lines.subList(0, end);
  }

  /** Labels that name each of {@code classes} outputs by its index: {@code class 281}. */
  public static Labels indexOnly(int classes) {
    return new Labels(List.of(), List.of(), classes);
  }

  /** Number of classes named, or the class count given to {@link #indexOnly}. */
  public int size() {
    return size;
  }

  /** True when read from a synset file. */
  public boolean hasNames() {
    return !names.isEmpty();
  }

  /** The prediction for output {@code index} with its probability. */
  public Prediction predict(int index, float probability) {
    if (names.isEmpty() || index >= names.size()) {
      return new Prediction(index, null, "class " + index, probability);
    }
    return new Prediction(index, synsets.get(index), names.get(index), probability);
  }

  /**
   * The {@code k} most probable classes, most probable first; ties by lower index; NaN last.
   *
   * @throws IllegalArgumentException when {@code k} is negative
   */
  public List<Prediction> topK(float[] probabilities, int k) {
    if (k < 0) {
      throw new IllegalArgumentException("top-k must be >= 0, got " + k);
    }
    int n = Math.min(k, probabilities.length);
    int[] best = new int[n];
    int filled = 0;
    for (int i = 0; i < probabilities.length; i++) {
      int pos = filled;
      while (pos > 0 && ranksAbove(probabilities[i], probabilities[best[pos - 1]])) {
        pos--;
      }
      if (pos < n) {
        int last = Math.min(filled, n - 1);
        System.arraycopy(best, pos, best, pos + 1, last - pos);
        best[pos] = i;
        filled = Math.min(filled + 1, n);
      }
    }
    List<Prediction> top = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      top.add(predict(best[i], probabilities[best[i]]));
    }
    return top;
  }

  private static boolean ranksAbove(float candidate, float incumbent) {
    return candidate > incumbent || (Float.isNaN(incumbent) && !Float.isNaN(candidate));
  }
}
