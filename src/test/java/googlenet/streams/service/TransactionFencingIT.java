package googlenet.streams.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import googlenet.streams.testing.CapturedLog;
import googlenet.streams.testing.KafkaBrokers;
import googlenet.streams.testing.TestBroker;
import googlenet.streams.testing.TransactionProbe;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.TransactionDescription;
import org.apache.kafka.clients.admin.TransactionState;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link TransactionFencing#atStart} against a real broker holding open transactions of this
 * instance's earlier run and of others: it ends exactly this instance's.
 */
@Timeout(120)
class TransactionFencingIT {
  private static TestBroker broker;
  private static TransactionProbe probe;
  private final Map<String, KafkaProducer<String, String>> producers = new LinkedHashMap<>();

  @TempDir Path dir;

  @BeforeAll
  static void startBroker() {
    broker = KafkaBrokers.start(KafkaBrokers.available().findFirst().orElseThrow());
    probe = new TransactionProbe(broker.bootstrapServers());
  }

  @AfterAll
  static void stopBroker() {
    probe.close();
    broker.close();
  }

  @AfterEach
  void closeProducers() {
    producers.values().forEach(p -> p.close(java.time.Duration.ZERO));
  }

  @Test
  void shouldFenceTheOpenTransactionsOfThisStaticMemberOnly() throws Exception {
    broker.createTopic("static-out", 2);
    String pod0 = InstanceIdentity.fromGroupInstanceId("pod-0");
    String pod1 = InstanceIdentity.fromGroupInstanceId("pod-1");
    List<String> mine = List.of("shop-" + pod0 + "-1", "shop-" + pod0 + "-2");
    List<String> others =
        List.of(
            "shop-" + pod1 + "-1",
            "shop-" + UUID.randomUUID() + "-1",
            "shop-" + pod0 + "-1-1",
            "other-shop-" + pod0 + "-1");
    for (String id : concat(mine, others)) {
      open(id, "static-out");
    }
    Counts counts = new Counts();

    try (CapturedLog log = CapturedLog.of(TransactionFencing.class);
        TransactionFencing fencing = TransactionFencing.atStart(props("shop", "pod-0"), counts)) {
      assertThat(fencing.identity()).isEqualTo(pod0);
      assertThat(log.messages())
          .anyMatch(
              m -> m.contains("transaction " + mine.get(0) + " ") && m.contains("static-out-"))
          .anyMatch(m -> m.contains("Fenced 2 open transaction(s)"))
          .anyMatch(m -> m.contains("2 open transaction(s) of other instances of shop left"));
    }

    assertThat(counts.fenced.get()).isEqualTo(2);
    assertThat(counts.unfenced.get()).isZero();
    Map<String, TransactionDescription> now = probe.describe(Set.copyOf(concat(mine, others)));
    mine.forEach(
        id -> assertThat(now.get(id).state()).as(id).isNotEqualTo(TransactionState.ONGOING));
    others.forEach(
        id -> assertThat(now.get(id).state()).as(id).isEqualTo(TransactionState.ONGOING));
    for (String id : mine) {
      assertThatThrownBy(() -> producers.get(id).commitTransaction())
          .as("the fenced producer %s", id)
          .isInstanceOf(KafkaException.class);
    }
    for (String id : others) {
      producers.get(id).commitTransaction();
    }
  }

  @Test
  void shouldFenceTheOpenTransactionsOfTheIdKeptInTheStateDirectory() throws Exception {
    broker.createTopic("kept-out", 1);
    Path state = Files.createDirectories(dir.resolve("state"));
    String kept = UUID.randomUUID().toString();
    Files.writeString(state.resolve("lab.instance-id"), kept + "\n");
    open("lab-" + kept + "-1", "kept-out");
    assertThat(probe.lastStable("kept-out", 1).values()).containsExactly(0L);
    Properties props = props("lab", null);
    props.put(StreamsConfig.STATE_DIR_CONFIG, state.toString());
    Counts counts = new Counts();

    try (TransactionFencing fencing = TransactionFencing.atStart(props, counts)) {
      assertThat(fencing.identity()).isEqualTo(kept);
    }

    assertThat(counts.fenced.get()).isEqualTo(1);
    assertThat(probe.lastStable("kept-out", 1))
        .as("read_committed readers see past the aborted transaction")
        .isEqualTo(probe.highWatermarks("kept-out", 1));
  }

  @Test
  void shouldReportNothingWhenNoTransactionOfItsOwnIsOpen() throws Exception {
    broker.createTopic("quiet-out", 1);
    String other = "quiet-" + InstanceIdentity.fromGroupInstanceId("pod-9") + "-1";
    open(other, "quiet-out");
    Counts counts = new Counts();
    try (CapturedLog log = CapturedLog.of(TransactionFencing.class);
        TransactionFencing fencing = TransactionFencing.atStart(props("quiet", "pod-0"), counts)) {
      assertThat(log.messages())
          .anyMatch(
              m -> m.contains("group.instance.id pod-0") && m.contains("no open transaction"));
    }
    assertThat(counts.calls.get()).isZero();
    assertThat(probe.describe(Set.of(other)).get(other).state())
        .isEqualTo(TransactionState.ONGOING);
  }

  private Properties props(String app, String instanceId) {
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, app);
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    props.put(StreamsConfig.STATE_DIR_CONFIG, dir.resolve("state-" + app).toString());
    if (instanceId != null) {
      props.put("group.instance.id", instanceId);
    }
    return props;
  }

  /** Opens a transaction under {@code id} that wrote one record to each partition of the topic. */
  private void open(String id, String topic) throws Exception {
    KafkaProducer<String, String> producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                broker.bootstrapServers(),
                ProducerConfig.TRANSACTIONAL_ID_CONFIG,
                id),
            new StringSerializer(),
            new StringSerializer());
    producers.put(id, producer);
    producer.initTransactions();
    producer.beginTransaction();
    int partitions = producer.partitionsFor(topic).size();
    for (int p = 0; p < partitions; p++) {
      producer.send(new ProducerRecord<>(topic, p, id, "open")).get(30, TimeUnit.SECONDS);
    }
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }

  /** What the fencing reported. */
  private static final class Counts implements TransactionFencing.OpenTransactions {
    final AtomicInteger fenced = new AtomicInteger();
    final AtomicInteger unfenced = new AtomicInteger();
    final AtomicInteger calls = new AtomicInteger();

    @Override
    public void openTransactionsAtStart(int fenced, int unfenced) {
      this.fenced.addAndGet(fenced);
      this.unfenced.addAndGet(unfenced);
      calls.incrementAndGet();
    }
  }
}
