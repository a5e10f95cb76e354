package googlenet.streams.tools.bench;

import googlenet.streams.avro.ImageRecord;
import googlenet.streams.inference.Classifier;
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
  private final BaselineRecords records = new BaselineRecords();

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
    ImageRecord image = records.read(value);
    if (image == null) {
      return null; // what a tutorial does: drop it
    }
    try {
      return records.await(image, BaselineRecords.submit(classifier, image));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }
}
