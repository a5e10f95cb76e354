package googlenet.streams.label;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Class names of a model's outputs, read once from a synset file whose line i names output i, as
 * {@code n01440764 tench, Tinca tinca}. Without a file, classes are named by index.
 */
public final class Labels {
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
    List<String> lines =
        withoutTrailingBlankLines(Files.readAllLines(file, StandardCharsets.UTF_8));
    if (lines.isEmpty()) {
      throw new IllegalArgumentException(
          file + ": no labels; expected one '<synset id> <label>' line per class");
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
            file + " line " + (i + 1) + ": expected '<synset id> <label>', got '" + line + "'");
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
