package googlenet.streams.model;

import ai.onnx.proto.OnnxMl.AttributeProto;
import com.google.protobuf.ByteString;
import java.util.Arrays;

/** The node attributes the model writers set, built one way. */
final class OnnxAttributes {
  private OnnxAttributes() {}

  /** An INTS attribute. */
  static AttributeProto ints(String name, long... values) {
    AttributeProto.Builder a = named(name, AttributeProto.AttributeType.INTS);
    Arrays.stream(values).forEach(a::addInts);
    return a.build();
  }

  /** An INTS attribute from ints. */
  static AttributeProto ints(String name, int... values) {
    return ints(name, Arrays.stream(values).asLongStream().toArray());
  }

  /** An INT attribute. */
  static AttributeProto integer(String name, long value) {
    return named(name, AttributeProto.AttributeType.INT).setI(value).build();
  }

  /** A FLOAT attribute. */
  static AttributeProto real(String name, float value) {
    return named(name, AttributeProto.AttributeType.FLOAT).setF(value).build();
  }

  /** A STRING attribute. */
  static AttributeProto string(String name, String value) {
    return named(name, AttributeProto.AttributeType.STRING)
        .setS(ByteString.copyFromUtf8(value))
        .build();
  }

  private static AttributeProto.Builder named(String name, AttributeProto.AttributeType type) {
    return AttributeProto.newBuilder().setName(name).setType(type);
  }
}
