package googlenet.streams.tools.demo;

import googlenet.streams.avro.Classification;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the pipeline wrote for a set of input keys: classifications and dead letters, as read by a
 * read_committed consumer.
 */
public final class PipelineOutputs {
  /** A classification and the key it was written with. */
  public record Result(String key, Classification value) {}

  /**
   * A dead letter.
   *
   * @param key the record key (the original one)
   * @param value the original value bytes
   * @param errors the {@code gns.error.*} and {@code gns.source.*} headers, by name
   */
  public record DeadLetter(String key, byte[] value, Map<String, String> errors) {}

  private final Set<String> expected;
  private final List<Result> results = new ArrayList<>();
  private final List<DeadLetter> deadLetters = new ArrayList<>();
  private final Map<String, Integer> seen = new HashMap<>();

  PipelineOutputs(Set<String> expected) {
    this.expected = Set.copyOf(expected);
  }

  synchronized void add(Result result) {
    results.add(result);
    seen.merge(result.key(), 1, Integer::sum);
  }

  synchronized void add(DeadLetter letter) {
    deadLetters.add(letter);
    seen.merge(letter.key(), 1, Integer::sum);
  }

  /** True when every expected key has an output. */
  public synchronized boolean complete() {
    return seen.keySet().containsAll(expected);
  }

  /** Classifications in the order read. */
  public synchronized List<Result> results() {
    return List.copyOf(results);
  }

  /** Dead letters in the order read. */
  public synchronized List<DeadLetter> deadLetters() {
    return List.copyOf(deadLetters);
  }

  /** Expected keys with no output. */
  public synchronized Set<String> missing() {
    Set<String> missing = new HashSet<>(expected);
    missing.removeAll(seen.keySet());
    return missing;
  }

  /** Keys with more than one output: each one is a duplicate. */
  public synchronized Set<String> duplicated() {
    Set<String> dup = new HashSet<>();
    seen.forEach(
        (k, n) -> {
          if (n > 1) {
            dup.add(k);
          }
        });
    return dup;
  }
}
