package googlenet.streams.testing;

import googlenet.streams.tools.broker.EmbeddedKafkaBroker;

/** A {@link TestBroker} running in this JVM. */
final class EmbeddedTestBroker implements TestBroker {
  private final EmbeddedKafkaBroker broker;

  private EmbeddedTestBroker(EmbeddedKafkaBroker broker) {
    this.broker = broker;
  }

  static TestBroker start() {
    return new EmbeddedTestBroker(EmbeddedKafkaBroker.start());
  }

  @Override
  public BrokerKind kind() {
    return BrokerKind.EMBEDDED;
  }

  @Override
  public String bootstrapServers() {
    return broker.bootstrapServers();
  }

  @Override
  public void close() {
    broker.close();
  }
}
