package googlenet.streams.tools.bench;

import googlenet.streams.avro.Classification;
import googlenet.streams.avro.ImageRecord;
import googlenet.streams.avro.ModelRef;
import googlenet.streams.avro.Prediction;
import googlenet.streams.avro.SourceRef;
import googlenet.streams.image.ImagePreprocessor;
import googlenet.streams.image.ImageRejectedException;
import googlenet.streams.inference.BatchResult;
import googlenet.streams.inference.InferenceEngine;
import googlenet.streams.inference.InferenceException;
import googlenet.streams.inference.ModelInfo;
import googlenet.streams.label.Labels;
import googlenet.streams.serde.AvroSerde;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

/**
 * BASELINE ONLY, NOT THE SERVICE: the topology a tutorial would write. {@code mapValues} decodes
 * one image and runs it alone through the engine, per record: no buffer, no batching, no
 * dead-letter topic (a bad image is dropped), run at-least-once. Stage 4 of the benchmark compares
 * the real topology against it.
 */
final class NaiveBaseline {
  private static final int TOP_K = 5;

  private final InferenceEngine engine;
  private final ImagePreprocessor preprocessor;
  private final Labels labels;
  private final AvroSerde<ImageRecord> images = AvroSerde.imageRecord();
  private final AvroSerde<Classification> results = AvroSerde.classification();
  private final ThreadLocal<FloatBuffer> tensor =
      ThreadLocal.withInitial(() -> Tensors.allocate(1));

  NaiveBaseline(InferenceEngine engine, ImagePreprocessor preprocessor) {
    this.engine = engine;
    this.preprocessor = preprocessor;
    this.labels = Labels.defaultFor(engine.model().classes());
  }

  /** {@code input -> mapValues(classify one image) -> filter(non-null) -> output}. */
  Topology topology(String input, String output) {
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream(input, Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()))
        .mapValues(this::classify)
        .filter((key, value) -> value != null)
        .to(output, Produced.with(Serdes.ByteArray(), Serdes.ByteArray()));
    return builder.build();
  }

  private byte[] classify(byte[] value) {
    try {
      ImageRecord image = images.decode(value);
      ByteBuffer bytes = image.getImage().duplicate();
      byte[] encoded = new byte[bytes.remaining()];
      bytes.get(encoded);
      FloatBuffer input = tensor.get();
      preprocessor.preprocessInto(encoded, input, 0);
      BatchResult result = engine.run(input, 1);
      return results.encode(classification(image, result));
    } catch (ImageRejectedException | InferenceException | RuntimeException e) {
      return null; // what a tutorial does: drop it
    }
  }

  private Classification classification(ImageRecord image, BatchResult result) {
    ModelInfo model = engine.model();
    return Classification.newBuilder()
        .setImageId(image.getId())
        .setPredictions(
            labels.topK(result.probabilities()[0], TOP_K).stream()
                .map(p -> new Prediction(p.index(), p.synset(), p.label(), p.probability()))
                .toList())
        .setModel(new ModelRef(model.name(), model.version(), model.sha256()))
        .setExecutionProvider(result.provider())
        .setBatchSize(1)
        .setCapturedAt(image.getCapturedAt())
        .setClassifiedAt(Instant.now())
        .setInferenceMicros(result.inferenceNanos() / 1_000)
        .setSource(new SourceRef("", -1, -1L))
        .setAttributes(Map.of())
        .build();
  }
}
