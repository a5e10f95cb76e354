package googlenet.streams.topology;

import googlenet.streams.avro.Classification;
import googlenet.streams.avro.ImageRecord;
import googlenet.streams.avro.ModelRef;
import googlenet.streams.avro.SourceRef;
import googlenet.streams.inference.ClassifyResult.Labelled;
import googlenet.streams.inference.ModelInfo;
import googlenet.streams.label.Prediction;
import java.time.Instant;
import java.util.Map;

/** Builds the Avro {@link Classification} of one image. */
final class Classifications {
  private Classifications() {}

  /**
   * The classification of {@code image}, read at {@code pending}'s position.
   *
   * @param labelled its labels and the run that produced them
   * @param classifiedAtMs wall-clock time the result is written
   */
  static Classification of(
      ImageRecord image, PendingRecord pending, Labelled labelled, long classifiedAtMs) {
    ModelInfo model = labelled.model();
    return Classification.newBuilder()
        .setImageId(image.getId())
        .setPredictions(labelled.top().stream().map(Classifications::avro).toList())
        .setModel(new ModelRef(model.name(), model.version(), model.sha256()))
        .setExecutionProvider(labelled.provider())
        .setBatchSize(labelled.batchSize())
        .setCapturedAt(image.getCapturedAt())
        .setClassifiedAt(Instant.ofEpochMilli(classifiedAtMs))
        .setInferenceMicros(labelled.inferenceNanos() / 1_000)
        .setSource(new SourceRef(pending.topic(), pending.partition(), pending.offset()))
        .setAttributes(image.getAttributes() == null ? Map.of() : image.getAttributes())
        .build();
  }

  private static googlenet.streams.avro.Prediction avro(Prediction p) {
    return new googlenet.streams.avro.Prediction(p.index(), p.synset(), p.label(), p.probability());
  }
}
