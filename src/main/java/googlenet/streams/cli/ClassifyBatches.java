package googlenet.streams.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import googlenet.streams.image.ImageRejectedException;
import googlenet.streams.image.RejectReason;
import googlenet.streams.inference.Classifier;
import googlenet.streams.inference.ClassifyResult;
import googlenet.streams.inference.ClassifyResult.Labelled;
import googlenet.streams.inference.ClassifyResult.Refused;
import googlenet.streams.inference.InferenceException;
import googlenet.streams.label.Prediction;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Classifies files through the {@link Classifier} and prints one JSON line per file in input order,
 * as soon as it and every file before it are done. A file that cannot be read or decoded gets an
 * error line; the others go on.
 */
final class ClassifyBatches {
  /** Reason code of a file that cannot be read at all. */
  static final String UNREADABLE = "unreadable";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Classifier classifier;
  private final int maxInFlight;

  ClassifyBatches(Classifier classifier, int maxInFlight) {
    this.classifier = classifier;
    this.maxInFlight = maxInFlight;
  }

  /** A file handed to the classifier, or refused before. */
  private record Pending(Path file, CompletableFuture<ClassifyResult> result) {}

  /**
   * Classifies every file and prints its line.
   *
   * @return true when every file was labelled
   * @throws InferenceException when the engine failed fatally
   */
  boolean classify(List<Path> files, PrintWriter out) throws InferenceException {
    boolean allLabelled = true;
    ArrayDeque<Pending> pending = new ArrayDeque<>();
    for (Path file : files) {
      pending.add(new Pending(file, submit(file)));
      while (pending.size() > maxInFlight
          || (!pending.isEmpty() && pending.peek().result().isDone())) {
        allLabelled &= print(pending.poll(), out);
      }
    }
    classifier.flush(); // the last images need not wait for a full batch
    while (!pending.isEmpty()) {
      allLabelled &= print(pending.poll(), out);
    }
    return allLabelled;
  }

  private CompletableFuture<ClassifyResult> submit(Path file) {
    try {
      return classifier.submit(read(file));
    } catch (ImageRejectedException e) {
      return CompletableFuture.completedFuture(new Refused(e.reason().code(), e));
    } catch (IOException e) {
      return CompletableFuture.completedFuture(
          new Refused(UNREADABLE, new IOException(describe(file, e), e)));
    }
  }

  private static boolean print(Pending p, PrintWriter out) throws InferenceException {
    ObjectNode line;
    try {
      line = line(p.file(), p.result().join());
    } catch (CompletionException e) {
      if (e.getCause() instanceof InferenceException ie) {
        throw ie;
      }
      throw e;
    }
    out.println(line.toString());
    out.flush();
    return !line.has("error");
  }

  /** Reads a file, refusing one larger than the limit before reading it. */
  private byte[] read(Path file) throws IOException, ImageRejectedException {
    long size = Files.size(file);
    int max = classifier.preprocessor().limits().maxBytes();
    if (size > max) {
      throw new ImageRejectedException(
          RejectReason.TOO_LARGE, file + " has " + size + " bytes, more than the limit of " + max);
    }
    return Files.readAllBytes(file);
  }

  private static String describe(Path file, IOException e) {
    if (e instanceof NoSuchFileException) {
      return "no such file: " + file;
    }
    return "cannot read " + file + ": " + e.getMessage();
  }

  private static ObjectNode line(Path file, ClassifyResult result) {
    ObjectNode line = JSON.createObjectNode().put("file", file.toString());
    if (result instanceof Labelled labelled) {
      line.put("provider", labelled.provider());
      ArrayNode array = line.putArray("top");
      for (Prediction p : labelled.top()) {
        array
            .addObject()
            .put("index", p.index())
            .put("synset", p.synset())
            .put("label", p.label())
            .put("probability", p.probability());
      }
    } else {
      Refused refused = (Refused) result;
      line.putObject("error").put("reason", refused.reason()).put("message", refused.message());
    }
    return line;
  }
}
