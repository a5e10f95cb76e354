package googlenet.streams.backfill;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A backfill as defined when it first ran, stored under its name so a later run with the same name
 * continues the same work: the topics, the range as given, and the offsets it resolved to. Stored
 * as JSON in the definitions topic.
 *
 * @param version format version
 * @param name the backfill's name
 * @param input input topic
 * @param output output topic
 * @param dlq dead-letter topic
 * @param from {@code --from} as normalised ({@link TimeBound#spec()})
 * @param to {@code --to} as normalised
 * @param partitions the offset range of every input partition, in partition order
 * @param definedAt when the definition was written, ISO-8601
 */
public record BackfillDefinition(
    int version,
    String name,
    String input,
    String output,
    String dlq,
    String from,
    String to,
    List<PartitionRange> partitions,
    String definedAt) {
  /** The current format version. */
  public static final int VERSION = 1;

  private static final ObjectMapper JSON =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  /** Copies the partition list. */
  public BackfillDefinition {
    partitions = List.copyOf(partitions);
  }

  /** Offsets in range over all partitions: an upper bound of the images. */
  public long total() {
    return partitions.stream().mapToLong(PartitionRange::size).sum();
  }

  /** True when {@code request} asks for the same topics and range as this definition. */
  public boolean sameAs(BackfillRequest request) {
    return input.equals(request.inputTopic())
        && output.equals(request.outputTopic())
        && dlq.equals(request.dlqTopic())
        && from.equals(request.from().spec())
        && to.equals(request.to().spec());
  }

  /** One line naming the topics and range, for messages. */
  public String describe() {
    return "--input "
        + input
        + " --output "
        + output
        + " --dlq "
        + dlq
        + " --from "
        + from
        + " --to "
        + to;
  }

  /** The JSON form. */
  public byte[] toJson() {
    try {
      return JSON.writeValueAsBytes(this);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write backfill definition " + name, e);
    }
  }

  /**
   * Reads the JSON form.
   *
   * @throws IllegalArgumentException when the bytes are not a definition of a known version
   */
  public static BackfillDefinition fromJson(byte[] json) {
    BackfillDefinition def;
    try {
      def = JSON.readValue(json, BackfillDefinition.class);
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException(
          "unreadable backfill definition: " + new String(json, StandardCharsets.UTF_8), e);
    }
    if (def.version() != VERSION) {
      throw new IllegalArgumentException(
          "backfill definition "
              + def.name()
              + " has format version "
              + def.version()
              + "; this release reads version "
              + VERSION);
    }
    return def;
  }
}
