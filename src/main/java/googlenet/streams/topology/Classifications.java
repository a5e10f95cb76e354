package googlenet.streams.topology;

import googlenet.streams.avro.Classification;
import googlenet.streams.avro.ImageRecord;
import googlenet.streams.avro.ModelRef;
import googlenet.streams.avro.SourceRef;
import googlenet.streams.inference.ModelInfo;
import googlenet.streams.label.Prediction;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Builds the Avro {@link Classification} of one image. */
final class Classifications {
  private Classifications() {}

  /**
   * The classification of {@code image}, read at {@code pending}'s position.
   *
   * @param top the top-k predictions, most probable first
   * @param outcome the successful run the image was part of
   * @param classifiedAtMs wall-clock time the batch finished
   */
  static Classification of(
      ImageRecord image,
      PendingRecord pending,
      List<Prediction> top,
      ModelInfo model,
      BatchRunner.Outcome outcome,
      long classifiedAtMs) {
    return Classification.newBuilder()
        .setImageId(image.getId())
        .setPredictions(top.stream().map(Classifications::avro).toList())
        .setModel(new ModelRef(model.name(), model.version(), model.sha256()))
        .setExecutionProvider(outcome.provider())
        .setBatchSize(outcome.batchSize())
        .setCapturedAt(image.getCapturedAt())
        .setClassifiedAt(Instant.ofEpochMilli(classifiedAtMs))
        .setInferenceMicros(outcome.inferenceNanos() / 1_000)
        .setSource(new SourceRef(pending.topic(), pending.partition(), pending.offset()))
        .setAttributes(image.getAttributes() == null ? Map.of() : image.getAttributes())
        .build();
  }

  private static googlenet.streams.avro.Prediction avro(Prediction p) {
    return new googlenet.streams.avro.Prediction(p.index(), p.synset(), p.label(), p.probability());
  }
}
