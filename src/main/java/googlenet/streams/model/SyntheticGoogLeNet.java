package googlenet.streams.model;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes the BVLC GoogLeNet (Inception v1) topology as an ONNX model with deterministic, seeded
 * weights: input {@code data_0} float [N,3,224,224], output {@code prob_1} [N,1000] (softmax),
 * opset 12.
 *
 * <p>The weights are random (He-scaled), so the 1000 "classes" mean nothing: the model exists to
 * exercise the real pipeline, with the real topology and cost, where the pretrained file cannot be
 * downloaded. The same arguments always give the same bytes. At full width the model has 6,998,552
 * parameters (~28 MB); a width divisor D divides every channel count (minimum 1), e.g. D = 8 gives
 * ~0.9 MB and runs ~10x faster with the same graph.
 */
public final class SyntheticGoogLeNet {
  /** Name of the image input. */
  public static final String INPUT = "data_0";

  /** Name of the probabilities output. */
  public static final String OUTPUT = "prob_1";

  /**
   * Name of the pooled feature vector [1,C,1,1], a second output of the fixed-batch variant only
   * (the zoo's file has such an output too, so engines must pick {@link #OUTPUT} by name or shape).
   */
  public static final String FEATURES = "pool5/7x7_s1_1";

  /** Number of output classes. */
  public static final int CLASSES = 1000;

  /** ONNX opset the model declares. */
  public static final int OPSET = 12;

  /** Inception module channel counts: 1x1, 3x3 reduce, 3x3, 5x5 reduce, 5x5, pool proj. */
  private record Module(String name, int c1, int r3, int c3, int r5, int c5, int pool) {
    int out() {
      return c1 + c3 + c5 + pool;
    }
  }

  private static final List<Module> STAGE3 =
      List.of(
          new Module("3a", 64, 96, 128, 16, 32, 32), new Module("3b", 128, 128, 192, 32, 96, 64));
  private static final List<Module> STAGE4 =
      List.of(
          new Module("4a", 192, 96, 208, 16, 48, 64),
          new Module("4b", 160, 112, 224, 24, 64, 64),
          new Module("4c", 128, 128, 256, 24, 64, 64),
          new Module("4d", 112, 144, 288, 32, 64, 64),
          new Module("4e", 256, 160, 320, 32, 128, 128));
  private static final List<Module> STAGE5 =
      List.of(
          new Module("5a", 256, 160, 320, 32, 128, 128),
          new Module("5b", 384, 192, 384, 48, 128, 128));

  private SyntheticGoogLeNet() {}

  /**
   * Builds the model.
   *
   * @param widthDivisor divides every channel count (minimum 1 channel); 1 for the full model
   * @param seed seed of the weights
   * @param fixedBatch when true, mimic the model zoo's googlenet-12.onnx: batch dimension fixed to
   *     1 and a Reshape to [1, C] instead of Flatten (what {@code model prepare} fixes)
   * @return the serialized ONNX model
   * @throws IllegalArgumentException if widthDivisor is not positive
   */
  public static byte[] build(int widthDivisor, long seed, boolean fixedBatch) {
    if (widthDivisor < 1) {
      throw new IllegalArgumentException(
          "width divisor must be >= 1, got "
              + widthDivisor
              + "; use 1 for the full model, 8 for a fast one");
    }
    GraphProto.Builder graph = GraphProto.newBuilder().setName("googlenet-synthetic");
    int features = new Topology(new GraphWriter(graph, seed), widthDivisor).write(fixedBatch);
    Object batch = fixedBatch ? (Object) 1L : "N";
    graph.addInput(tensorInfo(INPUT, batch, 3, 224, 224));
    graph.addOutput(tensorInfo(OUTPUT, batch, CLASSES));
    if (fixedBatch) {
      graph.addOutput(tensorInfo(FEATURES, batch, features, 1, 1));
    }
    return ModelProto.newBuilder()
        .setIrVersion(7)
        .setProducerName("googlenet-streams")
        .setProducerVersion("synthetic-1")
        .setDocString(
            "Synthetic GoogLeNet (BVLC topology) with random weights: labels are meaningless.")
        .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET))
        .setGraph(graph)
        .addMetadataProps(entry("synthetic", "true"))
        .addMetadataProps(entry("width_divisor", Integer.toString(widthDivisor)))
        .addMetadataProps(entry("seed", Long.toString(seed)))
        .addMetadataProps(entry("fixed_batch", Boolean.toString(fixedBatch)))
        .build()
        .toByteArray();
  }

  /**
   * Builds the model and writes it atomically (temporary file, then move) to {@code out}.
   *
   * @throws IOException if the file cannot be written
   */
  public static void write(Path out, int widthDivisor, long seed, boolean fixedBatch)
      throws IOException {
    AtomicFiles.write(out, build(widthDivisor, seed, fixedBatch));
  }

  private static StringStringEntryProto entry(String key, String value) {
    return StringStringEntryProto.newBuilder().setKey(key).setValue(value).build();
  }

  /** A tensor value info; each dim is a Long (fixed) or a String (symbolic). */
  private static ValueInfoProto tensorInfo(String name, Object... dims) {
    TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
    for (Object dim : dims) {
      TensorShapeProto.Dimension.Builder d = TensorShapeProto.Dimension.newBuilder();
      if (dim instanceof String symbol) {
        d.setDimParam(symbol);
      } else {
        d.setDimValue(((Number) dim).longValue());
      }
      shape.addDim(d);
    }
    TypeProto.Tensor tensor =
        TypeProto.Tensor.newBuilder()
            .setElemType(TensorProto.DataType.FLOAT_VALUE)
            .setShape(shape)
            .build();
    return ValueInfoProto.newBuilder()
        .setName(name)
        .setType(TypeProto.newBuilder().setTensorType(tensor))
        .build();
  }

  /** Lays the BVLC layers out in order; channel counts divided by the width divisor. */
  private record Topology(GraphWriter g, int divisor) {
    /** Writes the layers; returns the number of pooled features. */
    int write(boolean fixedBatch) {
      String x = g.convRelu("conv1/7x7_s2", INPUT, 3, ch(64), 7, 2, 3);
      x = g.maxPool("pool1/3x3_s2", x, 3, 2, 0, 0, 1, 1);
      x = g.lrn("pool1/norm1", x);
      x = g.convRelu("conv2/3x3_reduce", x, ch(64), ch(64), 1, 1, 0);
      x = g.convRelu("conv2/3x3", x, ch(64), ch(192), 3, 1, 1);
      x = g.lrn("conv2/norm2", x);
      x = g.maxPool("pool2/3x3_s2", x, 3, 2, 0, 0, 1, 1);
      int channels = ch(192);
      for (Module m : STAGE3) {
        x = inception(m, x, channels);
        channels = ch(m.c1) + ch(m.c3) + ch(m.c5) + ch(m.pool);
      }
      x = g.maxPool("pool3/3x3_s2", x, 3, 2, 0, 0, 1, 1);
      for (Module m : STAGE4) {
        x = inception(m, x, channels);
        channels = ch(m.c1) + ch(m.c3) + ch(m.c5) + ch(m.pool);
      }
      x = g.maxPool("pool4/3x3_s2", x, 3, 2, 0, 0, 1, 1);
      for (Module m : STAGE5) {
        x = inception(m, x, channels);
        channels = ch(m.c1) + ch(m.c3) + ch(m.c5) + ch(m.pool);
      }
      x = g.averagePool("pool5/7x7_s1", x, 7); // output FEATURES
      x = g.dropout("pool5/drop_7x7_s1", x, 0.4f);
      x = fixedBatch ? g.reshape("flatten", x, 1, channels) : g.flatten("flatten", x);
      x = g.gemm("loss3/classifier", x, channels, CLASSES, classifierBound(channels));
      g.softmax("prob", x, OUTPUT);
      return channels;
    }

    private String inception(Module m, String input, int inChannels) {
      String p = "inception_" + m.name + "/";
      String b1 = g.convRelu(p + "1x1", input, inChannels, ch(m.c1), 1, 1, 0);
      String r3 = g.convRelu(p + "3x3_reduce", input, inChannels, ch(m.r3), 1, 1, 0);
      String b3 = g.convRelu(p + "3x3", r3, ch(m.r3), ch(m.c3), 3, 1, 1);
      String r5 = g.convRelu(p + "5x5_reduce", input, inChannels, ch(m.r5), 1, 1, 0);
      String b5 = g.convRelu(p + "5x5", r5, ch(m.r5), ch(m.c5), 5, 1, 2);
      String pool = g.maxPool(p + "pool", input, 3, 1, 1, 1, 1, 1);
      String bp = g.convRelu(p + "pool_proj", pool, inChannels, ch(m.pool), 1, 1, 0);
      return g.concat(p + "output", List.of(b1, b3, b5, bp));
    }

    private int ch(int channels) {
      return Math.max(1, channels / divisor);
    }

    private static float classifierBound(int inFeatures) {
      return (float) Math.sqrt(3.0 / inFeatures) * 0.04f;
    }
  }
}
