package googlenet.streams.service;

/**
 * A topic the service writes to does not exist on brokers that answer: sends to it wait for its
 * metadata in vain, which no restart fixes.
 */
final class MissingTopicException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  MissingTopicException(String topic, Throwable cause) {
    super(
        "the topic '"
            + topic
            + "' that this service writes to does not exist; create it, or correct the setting"
            + " that names it (output.topic, dlq.topic, route.<name>.topic or shadow.topic)",
        cause);
  }
}
