package googlenet.streams.cli;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The {@code tail} command: prints the records of a topic as JSON lines (see {@link RecordJson}),
 * reading only committed transactions. It joins no consumer group and commits nothing.
 */
@Command(
    name = "tail",
    mixinStandardHelpOptions = true,
    description = {
      "Print classifications and dead letters of a topic as JSON lines (read_committed).",
      "Values may be Avro single-object encoded or in schema registry framing; the latter needs"
          + " --schema-registry.",
      "Stops after --max records, or once --timeout seconds pass with no new record;"
          + " without either it follows the topic until interrupted.",
      "Exit status: 0 done, 1 topic missing or Kafka error, 2 bad usage."
    })
final class TailCommand implements Callable<Integer> {
  private static final Duration POLL = Duration.ofMillis(200);

  @Spec CommandSpec spec;

  @Mixin KafkaClientOptions kafka;

  @Mixin RegistryOptions registry;

  @Option(
      names = "--topic",
      paramLabel = "TOPIC",
      defaultValue = "classifications",
      description = "Topic to read (default: ${DEFAULT-VALUE}).")
  String topic;

  @Option(names = "--max", paramLabel = "N", description = "Stop after N records.")
  Long max;

  @Option(
      names = "--timeout",
      paramLabel = "SECONDS",
      description = "Stop once this many seconds pass without a new record.")
  Double timeoutSeconds;

  @Option(
      names = "--from-beginning",
      description = "Start at the oldest record instead of at the end of the topic.")
  boolean fromBeginning;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    Properties props;
    RecordJson json;
    try {
      props = consumerProperties(kafka.clientProperties());
      json = new RecordJson(registry.serdes(props));
    } catch (IllegalArgumentException | UncheckedIOException | ConfigException e) {
      err.println("tail: " + e.getMessage());
      return 2;
    }
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = partitions(consumer);
      if (partitions.isEmpty()) {
        err.println("tail: topic '" + topic + "' does not exist on " + kafka.bootstrapServers);
        return 1;
      }
      consumer.assign(partitions);
      if (fromBeginning) {
        consumer.seekToBeginning(partitions);
      } else {
        consumer.seekToEnd(partitions);
      }
      follow(consumer, json, spec.commandLine().getOut());
      return 0;
    } catch (KafkaException e) {
      err.println("tail: Kafka error reading " + topic + ": " + e.getMessage());
      return 1;
    }
  }

  private List<TopicPartition> partitions(KafkaConsumer<byte[], byte[]> consumer) {
    List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(30));
    return infos == null
        ? List.of()
        : infos.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
  }

  private void follow(KafkaConsumer<byte[], byte[]> consumer, RecordJson json, PrintWriter out) {
    long printed = 0;
    long lastRecord = System.nanoTime();
    long idleLimit = timeoutSeconds == null ? Long.MAX_VALUE : (long) (timeoutSeconds * 1e9);
    while (max == null || printed < max) {
      for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
        if (max != null && printed >= max) {
          break;
        }
        out.println(json.toJson(record).toString());
        printed++;
        lastRecord = System.nanoTime();
      }
      out.flush();
      if (System.nanoTime() - lastRecord > idleLimit) {
        return;
      }
    }
  }

  private static Properties consumerProperties(Properties client) {
    Properties props = new Properties();
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, String.valueOf(32 * 1024 * 1024));
    props.putAll(client);
    return props;
  }
}
