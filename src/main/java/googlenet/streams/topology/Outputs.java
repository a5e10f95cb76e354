package googlenet.streams.topology;

import googlenet.streams.avro.Classification;
import googlenet.streams.avro.ImageRecord;
import googlenet.streams.config.RouteRule;
import googlenet.streams.inference.ClassifyResult.Labelled;
import googlenet.streams.inference.ModelInfo;
import googlenet.streams.serde.RecordWriter;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes what the classify processor produces: results to the output topic and the routed topics,
 * rejected records to the dead-letter topic. Every record keeps the input key, timestamp and
 * headers, whether it is written while its input is processed or later from a punctuation.
 */
final class Outputs {
  private static final Logger LOG = LoggerFactory.getLogger(Outputs.class);
  private static final int MAX_MESSAGE_CHARS = 1000;

  private final ProcessorContext<byte[], byte[]> context;
  private final TopologySpec spec;
  private final TopologyMetrics metrics;
  private final RecordWriter<Classification> writer;

  Outputs(ProcessorContext<byte[], byte[]> context, TopologySpec spec, TopologyMetrics metrics) {
    this.context = context;
    this.spec = spec;
    this.metrics = metrics;
    this.writer = spec.serdes().classificationWriter();
  }

  /** Writes the classification of {@code image} and copies it to every matching route. */
  void result(PendingRecord pending, ImageRecord image, Labelled labelled) {
    ModelInfo model = labelled.model();
    long now = context.currentSystemTimeMs();
    Classification value = Classifications.of(image, pending, labelled, now);
    byte[] bytes = writer.write(spec.outputTopic(), value);
    context.forward(record(pending, bytes, modelHeaders(pending, model)), Nodes.OUTPUT_SINK);
    metrics.classified(pending.timestamp(), now);
    for (RouteRule rule : spec.routes()) {
      if (Router.matches(rule, labelled.top())) {
        byte[] routed = writer.write(rule.topic(), value);
        context.forward(record(pending, routed, modelHeaders(pending, model)), Nodes.route(rule));
      }
    }
  }

  /**
   * Writes {@code pending} to the dead-letter topic, original key and value bytes untouched, with
   * headers saying why, and logs one line (no stack trace: bad input is expected).
   */
  void deadLetter(PendingRecord pending, String imageId, String reason, Throwable cause) {
    String message = truncate(cause.getMessage() == null ? cause.toString() : cause.getMessage());
    Headers headers = pending.copyHeaders();
    PendingRecord.put(headers, DeadLetterHeaders.REASON, reason);
    PendingRecord.put(headers, DeadLetterHeaders.MESSAGE, message);
    PendingRecord.put(headers, DeadLetterHeaders.EXCEPTION, cause.getClass().getName());
    PendingRecord.put(headers, DeadLetterHeaders.SOURCE_TOPIC, pending.topic());
    PendingRecord.put(
        headers, DeadLetterHeaders.SOURCE_PARTITION, Integer.toString(pending.partition()));
    PendingRecord.put(headers, DeadLetterHeaders.SOURCE_OFFSET, Long.toString(pending.offset()));
    byte[] value = DeadLetterSize.fit(pending, headers, spec.deadLetterMaxBytes());
    context.forward(record(pending, value, headers), Nodes.DLQ_SINK);
    metrics.deadLetter(reason);
    LOG.warn(
        "dead letter {} image {}: {}: {}",
        pending.position(),
        imageId == null ? "-" : imageId,
        reason,
        message);
  }

  /** The input record's headers with the model's name, version and SHA-256 added. */
  static Headers modelHeaders(PendingRecord pending, ModelInfo model) {
    Headers headers = pending.copyHeaders();
    PendingRecord.put(headers, ResultHeaders.MODEL_NAME, model.name());
    PendingRecord.put(headers, ResultHeaders.MODEL_VERSION, model.version());
    PendingRecord.put(headers, ResultHeaders.MODEL_SHA256, model.sha256());
    return headers;
  }

  private static Record<byte[], byte[]> record(PendingRecord pending, byte[] value, Headers h) {
    return new Record<>(pending.key(), value, pending.timestamp(), h);
  }

  private static String truncate(String message) {
    return message.length() <= MAX_MESSAGE_CHARS
        ? message
        : message.substring(0, MAX_MESSAGE_CHARS) + "...";
  }
}
