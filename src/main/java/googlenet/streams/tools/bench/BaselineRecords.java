package googlenet.streams.tools.bench;

import googlenet.streams.avro.Classification;
import googlenet.streams.avro.ImageRecord;
import googlenet.streams.avro.ModelRef;
import googlenet.streams.avro.Prediction;
import googlenet.streams.avro.SourceRef;
import googlenet.streams.inference.Classifier;
import googlenet.streams.inference.ClassifyResult;
import googlenet.streams.inference.ClassifyResult.Labelled;
import googlenet.streams.inference.ModelInfo;
import googlenet.streams.serde.AvroSerde;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * What both baselines do to a record: read the Avro {@link ImageRecord}, hand its bytes to the
 * classifier, and write a {@link Classification} of a labelled image. No dead-letter topic: a
 * record that cannot be read or labelled gets no result (the reader counts it missing).
 */
final class BaselineRecords {
  /** Longest wait for one image's labels before the baseline gives it up. */
  static final Duration RESULT_TIMEOUT = Duration.ofSeconds(60);

  private final AvroSerde<ImageRecord> images = AvroSerde.imageRecord();
  private final AvroSerde<Classification> results = AvroSerde.classification();

  /** The image of an encoded {@link ImageRecord}, or null when it cannot be read. */
  ImageRecord read(byte[] value) {
    try {
      return images.decode(value);
    } catch (RuntimeException e) {
      return null;
    }
  }

  /** Hands the image's encoded bytes to {@code classifier}. */
  static CompletableFuture<ClassifyResult> submit(Classifier classifier, ImageRecord image) {
    ByteBuffer bytes = image.getImage().duplicate();
    byte[] encoded = new byte[bytes.remaining()];
    bytes.get(encoded);
    return classifier.submit(encoded);
  }

  /**
   * The encoded classification of {@code image} once {@code result} completes within {@link
   * #RESULT_TIMEOUT}; null when the image was refused or the wait timed out.
   *
   * @throws IllegalStateException when the classifier failed fatally
   */
  byte[] await(ImageRecord image, CompletableFuture<ClassifyResult> result)
      throws InterruptedException {
    try {
      if (result.get(RESULT_TIMEOUT.toNanos(), TimeUnit.NANOSECONDS) instanceof Labelled l) {
        return results.encode(classification(image, l));
      }
      return null;
    } catch (TimeoutException e) {
      result.cancel(false);
      return null;
    } catch (ExecutionException e) {
      throw new IllegalStateException("the classifier failed: " + e.getCause(), e.getCause());
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
        .setBatchSize(labelled.batchSize())
        .setCapturedAt(image.getCapturedAt())
        .setClassifiedAt(Instant.now())
        .setInferenceMicros(labelled.inferenceNanos() / 1_000)
        .setSource(new SourceRef("", -1, -1L))
        .setAttributes(Map.of())
        .build();
  }
}
