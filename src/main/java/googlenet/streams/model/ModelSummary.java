package googlenet.streams.model;

import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What {@code model info} reports about an ONNX file.
 *
 * @param file the model file
 * @param sizeBytes file size in bytes
 * @param sha256 SHA-256 of the file, lower-case hex
 * @param producer producer name and version written into the model
 * @param irVersion ONNX IR version
 * @param opsets operator set versions by domain ({@code ai.onnx} for the default domain)
 * @param parameters number of elements in the initializers, shape tensors (int64) excluded
 * @param inputs graph inputs that are not initializers
 * @param outputs graph outputs
 * @param fixedBatch true when the model only accepts a batch of 1 (run {@code model prepare})
 * @param metadata the model's metadata properties, e.g. {@code synthetic=true}
 * @param inception the Inception modules found in the graph and the network's cost
 */
public record ModelSummary(
    Path file,
    long sizeBytes,
    String sha256,
    String producer,
    long irVersion,
    Map<String, Long> opsets,
    long parameters,
    List<Tensor> inputs,
    List<Tensor> outputs,
    boolean fixedBatch,
    Map<String, String> metadata,
    InceptionReport inception) {

  /** Copies the collections; maps are sorted by key. */
  public ModelSummary {
    opsets = Collections.unmodifiableSortedMap(new TreeMap<>(opsets));
    inputs = List.copyOf(inputs);
    outputs = List.copyOf(outputs);
    metadata = Collections.unmodifiableSortedMap(new TreeMap<>(metadata));
  }

  /**
   * A graph input or output.
   *
   * @param name tensor name, e.g. {@code data_0}
   * @param elementType element type, e.g. {@code float}
   * @param shape dimensions: numbers for fixed ones, names for symbolic ones, {@code ?} unknown
   */
  public record Tensor(String name, String elementType, List<String> shape) {
    /** Copies the shape. */
    public Tensor {
      shape = List.copyOf(shape);
    }

    /** The shape as {@code [N,3,224,224]}. */
    public String shapeText() {
      return "[" + String.join(",", shape) + "]";
    }
  }
}
