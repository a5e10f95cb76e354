package googlenet.streams.testing;

/** A {@link TestBroker} that is an already running cluster; closing it does nothing. */
record ExternalTestBroker(String bootstrapServers) implements TestBroker {

  static TestBroker fromSystemProperty() {
    String bootstrap = System.getProperty(KafkaBrokers.EXTERNAL_BOOTSTRAP, "").trim();
    if (bootstrap.isEmpty()) {
      throw new IllegalStateException(
          "-Dkafka.broker=external needs -D"
              + KafkaBrokers.EXTERNAL_BOOTSTRAP
              + "=host:port of a cluster that allows creating topics");
    }
    return new ExternalTestBroker(bootstrap);
  }

  @Override
  public BrokerKind kind() {
    return BrokerKind.EXTERNAL;
  }

  @Override
  public void close() {}
}
