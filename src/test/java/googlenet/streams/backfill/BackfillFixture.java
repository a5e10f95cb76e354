package googlenet.streams.backfill;

import googlenet.streams.avro.Classification;
import googlenet.streams.avro.ImageRecord;
import googlenet.streams.config.GnsConfig;
import googlenet.streams.serde.AvroSerde;
import googlenet.streams.testing.KafkaBrokers;
import googlenet.streams.testing.TestBroker;
import googlenet.streams.testing.TestModels;
import googlenet.streams.tools.fixtures.SampleImages;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;

/** A real broker, a producer of timestamped images, and committed reads, for backfill ITs. */
final class BackfillFixture implements AutoCloseable {
  private static final AvroSerde<ImageRecord> IMAGES = AvroSerde.imageRecord();
  private static final AvroSerde<Classification> RESULTS = AvroSerde.classification();

  final TestBroker broker;
  final Admin admin;
  private final KafkaProducer<String, byte[]> producer;

  private BackfillFixture(TestBroker broker) {
    this.broker = broker;
    this.admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
    this.producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                broker.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG,
                "all"),
            new StringSerializer(),
            new ByteArraySerializer());
  }

  /** Starts the first broker {@code -Dkafka.broker} selects (the in-JVM one by default). */
  static BackfillFixture start() {
    return new BackfillFixture(
        KafkaBrokers.start(KafkaBrokers.available().findFirst().orElseThrow()));
  }

  String bootstrap() {
    return broker.bootstrapServers();
  }

  /** The service configuration a backfill starts from: small synthetic model, own state dir. */
  GnsConfig config(Path stateDir) {
    Map<String, String> props = new HashMap<>();
    props.put("bootstrap.servers", bootstrap());
    props.put("model.path", TestModels.small().toString());
    props.put("state.dir", stateDir.toString());
    props.put("model.warmup", "false");
    props.put("metrics.port", "0");
    return GnsConfig.fromMap(props);
  }

  /** An ImageRecord value holding a small JPEG. */
  static byte[] image(String id, long seed) {
    return IMAGES.encode(
        ImageRecord.newBuilder()
            .setId(id)
            .setImage(ByteBuffer.wrap(SampleImages.jpeg(48, 40, seed)))
            .build());
  }

  /** An ImageRecord value whose image bytes are not an image. */
  static byte[] brokenImage(String id) {
    return IMAGES.encode(
        ImageRecord.newBuilder()
            .setId(id)
            .setImage(ByteBuffer.wrap("not an image".getBytes(StandardCharsets.UTF_8)))
            .build());
  }

  /** Sends one record with an explicit timestamp to an explicit partition and waits for the ack. */
  void send(String topic, int partition, String id, byte[] value, long timestamp) throws Exception {
    producer
        .send(new ProducerRecord<>(topic, partition, timestamp, id, value))
        .get(30, TimeUnit.SECONDS);
  }

  /**
   * Sends images {@code ids} to one partition in one committed transaction, so the partition's last
   * offset is a transaction marker.
   */
  void sendInTransaction(String topic, int partition, List<String> ids, long timestamp)
      throws Exception {
    Map<String, Object> config =
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrap(),
            ProducerConfig.TRANSACTIONAL_ID_CONFIG,
            "backfill-test-" + topic);
    try (KafkaProducer<String, byte[]> tx =
        new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
      tx.initTransactions();
      tx.beginTransaction();
      for (String id : ids) {
        tx.send(new ProducerRecord<>(topic, partition, timestamp, id, image(id, id.hashCode())));
      }
      tx.commitTransaction();
    }
    awaitStable(new TopicPartition(topic, partition));
  }

  /**
   * Waits until the last stable offset of {@code partition} reaches its end: commitTransaction()
   * returns before the broker has written the commit marker, and until it has, a read_committed
   * reader (and a backfill resolving {@code --to now}) does not see the transaction's records.
   */
  void awaitStable(TopicPartition partition) {
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                offset(partition, IsolationLevel.READ_COMMITTED)
                    == offset(partition, IsolationLevel.READ_UNCOMMITTED));
  }

  private long offset(TopicPartition partition, IsolationLevel isolation) throws Exception {
    return admin
        .listOffsets(Map.of(partition, OffsetSpec.latest()), new ListOffsetsOptions(isolation))
        .partitionResult(partition)
        .get(30, TimeUnit.SECONDS)
        .offset();
  }

  /** Every committed record of {@code topic} up to its current end; empty for a missing topic. */
  List<ConsumerRecord<String, byte[]>> readAll(String topic) throws Exception {
    if (!admin.listTopics().names().get(30, TimeUnit.SECONDS).contains(topic)) {
      return List.of();
    }
    Map<String, Object> config =
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrap(),
            ConsumerConfig.ISOLATION_LEVEL_CONFIG,
            "read_committed",
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
            false);
    List<ConsumerRecord<String, byte[]>> out = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
              .map(p -> new TopicPartition(topic, p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, Duration.ofSeconds(30));
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (partitions.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError("could not read " + topic + " to its end in 60 s");
        }
        consumer.poll(Duration.ofMillis(200)).forEach(out::add);
      }
    }
    return out;
  }

  /** The image ids of the classifications on {@code topic}, in read order. */
  List<String> resultIds(String topic) throws Exception {
    return readAll(topic).stream().map(r -> RESULTS.decode(r.value()).getImageId()).toList();
  }

  static Classification decode(ConsumerRecord<String, byte[]> r) {
    return RESULTS.decode(r.value());
  }

  static String header(ConsumerRecord<String, byte[]> r, String name) {
    Header h = r.headers().lastHeader(name);
    return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }

  /** The committed offsets of {@code group}, by partition. */
  Map<TopicPartition, Long> groupOffsets(String group) throws Exception {
    Map<TopicPartition, OffsetAndMetadata> offsets =
        admin
            .listConsumerGroupOffsets(group)
            .partitionsToOffsetAndMetadata()
            .get(30, TimeUnit.SECONDS);
    Map<TopicPartition, Long> out = new HashMap<>();
    offsets.forEach((tp, om) -> out.put(tp, om.offset()));
    return out;
  }

  @Override
  public void close() {
    producer.close();
    admin.close();
    broker.close();
  }
}
