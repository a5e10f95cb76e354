package googlenet.streams.model;

import ai.onnx.proto.OnnxMl.ModelProto;
import com.google.protobuf.InvalidProtocolBufferException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reading and writing ONNX model files as {@link ModelProto}. */
final class OnnxFiles {
  private OnnxFiles() {}

  /**
   * Parses an ONNX model file.
   *
   * @throws IllegalArgumentException if the file is not an ONNX model
   * @throws IOException if the file cannot be read
   */
  static ModelProto read(Path file) throws IOException {
    ModelProto model;
    try (InputStream in = Files.newInputStream(file)) {
      model = ModelProto.parseFrom(in);
    } catch (InvalidProtocolBufferException e) {
      throw notOnnx(file, e.getMessage());
    }
    if (!model.hasGraph() || model.getGraph().getNodeCount() == 0) {
      throw notOnnx(file, "no graph");
    }
    return model;
  }

  /** Writes a model atomically. */
  static void write(Path file, ModelProto model) throws IOException {
    AtomicFiles.write(file, model.toByteArray());
  }

  private static IllegalArgumentException notOnnx(Path file, String why) {
    return new IllegalArgumentException(
        "'"
            + file
            + "' is not an ONNX model ("
            + why
            + "); give a .onnx file such as the one"
            + " 'model fetch' downloads or 'model synth' writes");
  }
}
