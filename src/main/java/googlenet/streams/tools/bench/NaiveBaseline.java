package googlenet.streams.tools.bench;

import googlenet.streams.avro.Classification;
import googlenet.streams.avro.ImageRecord;
import googlenet.streams.avro.ModelRef;
import googlenet.streams.avro.Prediction;
import googlenet.streams.avro.SourceRef;
import googlenet.streams.inference.Classifier;
import googlenet.streams.inference.ClassifyResult.Labelled;
import googlenet.streams.inference.ModelInfo;
import googlenet.streams.serde.AvroSerde;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

/**
 * BASELINE ONLY, NOT THE SERVICE: the topology a tutorial would write. {@code mapValues} hands one
 * image to the classifier and waits for it, per record: no buffer, no batching, no dead-letter
 * topic (a bad image is dropped), run at-least-once. Stage 4 of the benchmark compares the real
 * topology against it.
 */
final class NaiveBaseline {
  private final Classifier classifier;
  private final AvroSerde<ImageRecord> images = AvroSerde.imageRecord();
  private final AvroSerde<Classification> results = AvroSerde.classification();

  /** A baseline on {@code classifier}, which should run batches of one. */
  NaiveBaseline(Classifier classifier) {
    this.classifier = classifier;
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
      if (classifier.submit(encoded).join() instanceof Labelled labelled) {
        return results.encode(classification(image, labelled));
      }
      return null; // what a tutorial does: drop it
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static Classification classification(ImageRecord image, Labelled labelled) {
    ModelInfo model = labelled.model();
    return Classification.newBuilder()
        .setImageId(image.getId())
        .setPredictions(
            labelled.top().stream()
                .map(p -> new Prediction(p.index(), p.synset(), p.label(), p.probability()))
                .toList())
        .setModel(new ModelRef(model.name(), model.version(), model.sha256()))
        .setExecutionProvider(labelled.provider())
        .setBatchSize(1)
        .setCapturedAt(image.getCapturedAt())
        .setClassifiedAt(Instant.now())
        .setInferenceMicros(labelled.inferenceNanos() / 1_000)
        .setSource(new SourceRef("", -1, -1L))
        .setAttributes(Map.of())
        .build();
  }
}
