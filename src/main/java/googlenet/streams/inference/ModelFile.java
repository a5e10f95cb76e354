package googlenet.streams.inference;

import googlenet.streams.model.Checksums;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Checks and facts about the model file that the engine needs before and after loading it. */
final class ModelFile {
  private ModelFile() {}

  /** The file's SHA-256, refusing a missing file or one that does not match the expected hash. */
  static String checkedSha256(EngineConfig config) throws InferenceException {
    Path file = config.model();
    if (!Files.isRegularFile(file)) {
      throw new InferenceException(
          "model file "
              + file
              + " does not exist or is not a file; pass an ONNX model file, or run 'model fetch'"
              + " or 'model synth' to make one",
          true,
          null);
    }
    String actual;
    try {
      actual = Checksums.sha256(file);
    } catch (IOException e) {
      throw new InferenceException(
          "cannot read model file " + file + ": " + e.getMessage(), true, e);
    }
    if (config.expectedSha256().isPresent()
        && !config.expectedSha256().get().strip().equalsIgnoreCase(actual)) {
      throw new InferenceException(
          "model file "
              + file
              + " has sha256 "
              + actual
              + " but "
              + config.expectedSha256().get().strip().toLowerCase(Locale.ROOT)
              + " was expected; fetch the model again or correct the expected checksum",
          true,
          null);
    }
    return actual;
  }

  static boolean applySoftmax(EngineConfig config, ModelSignature signature)
      throws InferenceException {
    return switch (config.softmax()) {
      case ALWAYS -> true;
      case NEVER -> false;
      case AUTO -> !outputIsSoftmax(config.model(), signature.outputName());
    };
  }

  static boolean outputIsSoftmax(Path model, String output) throws InferenceException {
    try {
      return ModelGraph.endsInSoftmax(model, output);
    } catch (IOException e) {
      throw new InferenceException(
          "cannot read the graph of model " + model + ": " + e.getMessage(), true, e);
    }
  }

  static String baseName(Path file) {
    String name = file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return dot > 0 ? name.substring(0, dot) : name;
  }
}
