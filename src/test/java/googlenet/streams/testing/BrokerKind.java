package googlenet.streams.testing;

/** Where an integration test's broker runs. */
public enum BrokerKind {
  /** A KRaft broker inside the test JVM ({@code EmbeddedKafkaBroker}). */
  EMBEDDED,
  /** Testcontainers' {@code KafkaContainer} on a locally built Kafka image. */
  CONTAINER,
  /** A running cluster given by {@code -Dkafka.bootstrap=host:port}. */
  EXTERNAL
}
