package googlenet.streams.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import googlenet.streams.image.ImagePreprocessor;
import googlenet.streams.image.ImageRejectedException;
import googlenet.streams.image.RejectReason;
import googlenet.streams.inference.BatchResult;
import googlenet.streams.inference.InferenceEngine;
import googlenet.streams.inference.InferenceException;
import googlenet.streams.label.Labels;
import googlenet.streams.label.Prediction;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * Classifies files batch by batch and prints one JSON line per file in input order. A file that
 * cannot be read or decoded gets an error line; the others go on.
 */
final class ClassifyBatches {
  /** Reason code of a file that cannot be read at all. */
  static final String UNREADABLE = "unreadable";

  /** Reason code of a batch that ONNX Runtime failed to run. */
  static final String INFERENCE_FAILED = "inference-failed";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final InferenceEngine engine;
  private final ImagePreprocessor preprocessor;
  private final Labels labels;
  private final int topK;
  private final int batchSize;
  private final FloatBuffer batch;

  ClassifyBatches(
      InferenceEngine engine,
      ImagePreprocessor preprocessor,
      Labels labels,
      int topK,
      int batchSize) {
    this.engine = engine;
    this.preprocessor = preprocessor;
    this.labels = labels;
    this.topK = topK;
    this.batchSize = batchSize;
    this.batch =
        ByteBuffer.allocateDirect(batchSize * ImagePreprocessor.TENSOR_FLOATS * Float.BYTES)
            .order(ByteOrder.nativeOrder())
            .asFloatBuffer();
  }

  /**
   * Classifies every file and prints its line.
   *
   * @return true when every file was labelled
   * @throws InferenceException when the engine failed fatally
   */
  boolean classify(List<Path> files, PrintWriter out) throws InferenceException {
    boolean allLabelled = true;
    for (int first = 0; first < files.size(); first += batchSize) {
      List<Path> chunk = files.subList(first, Math.min(files.size(), first + batchSize));
      ObjectNode[] lines = classifyChunk(chunk);
      for (ObjectNode line : lines) {
        allLabelled &= !line.has("error");
        out.println(line.toString());
      }
      out.flush();
    }
    return allLabelled;
  }

  private ObjectNode[] classifyChunk(List<Path> chunk) throws InferenceException {
    ObjectNode[] lines = new ObjectNode[chunk.size()];
    int[] fileOfSlot = new int[chunk.size()];
    int slots = 0;
    for (int i = 0; i < chunk.size(); i++) {
      Path file = chunk.get(i);
      try {
        preprocessor.preprocessInto(read(file), batch, slots);
        fileOfSlot[slots++] = i;
      } catch (ImageRejectedException e) {
        lines[i] = error(file, e.reason().code(), e.getMessage());
      } catch (IOException e) {
        lines[i] = error(file, UNREADABLE, describe(file, e));
      }
    }
    if (slots > 0) {
      runSlots(chunk, fileOfSlot, slots, lines);
    }
    return lines;
  }

  private void runSlots(List<Path> chunk, int[] fileOfSlot, int slots, ObjectNode[] lines)
      throws InferenceException {
    try {
      BatchResult result = engine.run(batch, slots);
      for (int s = 0; s < slots; s++) {
        Path file = chunk.get(fileOfSlot[s]);
        lines[fileOfSlot[s]] =
            labelled(file, result.provider(), labels.topK(result.probabilities()[s], topK));
      }
    } catch (InferenceException e) {
      if (e.fatal()) {
        throw e;
      }
      for (int s = 0; s < slots; s++) {
        lines[fileOfSlot[s]] = error(chunk.get(fileOfSlot[s]), INFERENCE_FAILED, e.getMessage());
      }
    }
  }

  /** Reads a file, refusing one larger than the limit before reading it. */
  private byte[] read(Path file) throws IOException, ImageRejectedException {
    long size = Files.size(file);
    if (size > preprocessor.limits().maxBytes()) {
      throw new ImageRejectedException(
          RejectReason.TOO_LARGE,
          file
              + " has "
              + size
              + " bytes, more than the limit of "
              + preprocessor.limits().maxBytes());
    }
    return Files.readAllBytes(file);
  }

  private static String describe(Path file, IOException e) {
    if (e instanceof NoSuchFileException) {
      return "no such file: " + file;
    }
    return "cannot read " + file + ": " + e.getMessage();
  }

  private static ObjectNode labelled(Path file, String provider, List<Prediction> top) {
    ObjectNode line =
        JSON.createObjectNode().put("file", file.toString()).put("provider", provider);
    ArrayNode array = line.putArray("top");
    for (Prediction p : top) {
      array
          .addObject()
          .put("index", p.index())
          .put("synset", p.synset())
          .put("label", p.label())
          .put("probability", p.probability());
    }
    return line;
  }

  private static ObjectNode error(Path file, String reason, String message) {
    ObjectNode line = JSON.createObjectNode().put("file", file.toString());
    line.putObject("error").put("reason", reason).put("message", message);
    return line;
  }
}
