package googlenet.streams.model;

import ai.onnx.proto.OnnxMl.TensorProto;
import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Optional;

/** Reads and rewrites 1-D int64 tensors (Reshape targets), in raw or typed encoding. */
final class Int64Tensors {
  private Int64Tensors() {}

  /** The values of an int64 tensor, whichever field holds them. */
  static long[] values(TensorProto tensor) {
    if (tensor.hasRawData()) {
      ByteBuffer raw = tensor.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
      long[] values = new long[raw.remaining() / Long.BYTES];
      raw.asLongBuffer().get(values);
      return values;
    }
    return tensor.getInt64DataList().stream().mapToLong(Long::longValue).toArray();
  }

  /**
   * A Reshape target with its leading 1 replaced: -1 ("infer"), or 0 ("copy the input's dimension")
   * when the target already infers another dimension. Empty when the tensor is not a 1-D int64
   * target starting with 1.
   */
  static Optional<TensorProto> batchFree(TensorProto tensor) {
    if (tensor.getDataType() != TensorProto.DataType.INT64_VALUE || tensor.getDimsCount() != 1) {
      return Optional.empty();
    }
    long[] values = values(tensor);
    if (values.length < 2 || values[0] != 1) {
      return Optional.empty();
    }
    boolean infers = Arrays.stream(values).skip(1).anyMatch(v -> v == -1);
    values[0] = infers ? 0 : -1;
    return Optional.of(withValues(tensor, values));
  }

  private static TensorProto withValues(TensorProto tensor, long[] values) {
    TensorProto.Builder builder = tensor.toBuilder();
    if (tensor.hasRawData()) {
      ByteBuffer raw =
          ByteBuffer.allocate(values.length * Long.BYTES).order(ByteOrder.LITTLE_ENDIAN);
      raw.asLongBuffer().put(values);
      return builder.setRawData(ByteString.copyFrom(raw.array())).build();
    }
    builder.clearInt64Data();
    Arrays.stream(values).forEach(builder::addInt64Data);
    return builder.build();
  }
}
