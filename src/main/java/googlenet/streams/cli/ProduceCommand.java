package googlenet.streams.cli;

import googlenet.streams.avro.ImageRecord;
import googlenet.streams.serde.RecordWriter;
import googlenet.streams.serde.RegistryUnavailableException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * The {@code produce} command: publishes image files as {@code ImageRecord}s. Every readable file
 * is sent, even one that is not a valid image (the pipeline decides and dead-letters it); paths
 * that cannot be read are reported and make the exit status 1 after the rest is sent.
 */
@Command(
    name = "produce",
    mixinStandardHelpOptions = true,
    description = {
      "Publish image files as ImageRecords to a topic.",
      "The record key and id are the file name unless --id is given; the content type is guessed"
          + " from the extension. Directories are read recursively (hidden files skipped).",
      "Values are Avro single-object encoded, or in the schema registry's framing (00 + schema id,"
          + " schema registered under <topic>-value) with --schema-registry.",
      "Exit status: 0 all sent, 1 some path unreadable or a send failed, 2 bad usage."
    })
final class ProduceCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin KafkaClientOptions kafka;

  @Mixin RegistryOptions registry;

  @Option(
      names = "--topic",
      paramLabel = "TOPIC",
      defaultValue = "images",
      description = "Topic to publish to (default: ${DEFAULT-VALUE}).")
  String topic;

  @Option(
      names = "--id",
      paramLabel = "ID",
      description = "Image id and record key; only with a single file.")
  String id;

  @Option(
      names = "--source",
      paramLabel = "SOURCE",
      description = "Value of the records' source field, e.g. a camera id.")
  String source;

  @Parameters(paramLabel = "FILE|DIR", arity = "1..*", description = "Image files or directories.")
  List<Path> paths;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    ImageFiles.Expansion expansion = ImageFiles.expand(paths);
    if (id != null && expansion.files().size() + expansion.problems().size() > 1) {
      err.println(
          "produce: --id "
              + id
              + " needs exactly one file, got "
              + (expansion.files().size() + expansion.problems().size())
              + "; drop --id to use each file's name");
      return 2;
    }
    expansion.problems().forEach(p -> err.println("produce: cannot read " + p + "; skipped"));
    Properties props;
    RecordWriter<ImageRecord> writer;
    try {
      props = producerProperties(kafka.clientProperties());
      writer = registry.serdes(props).writer(ImageRecord.class, registry.outputFormat());
    } catch (IllegalArgumentException | UncheckedIOException | ConfigException e) {
      err.println("produce: " + e.getMessage());
      return 2;
    }
    Progress progress = Progress.forConsole(expansion.files().size(), err);
    int failed = send(props, writer, expansion.files(), progress, err);
    progress.finish();
    err.println(summary(progress, failed, expansion.problems().size()));
    return failed == 0 && expansion.problems().isEmpty() ? 0 : 1;
  }

  private int send(
      Properties props,
      RecordWriter<ImageRecord> writer,
      List<Path> files,
      Progress progress,
      PrintWriter err) {
    SendTally tally = new SendTally(progress, err);
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
      for (Path file : files) {
        byte[] bytes = read(file, tally, err);
        if (bytes != null) {
          ImageRecord record = toRecord(file, bytes);
          producer.send(
              new ProducerRecord<>(topic, record.getId(), writer.write(topic, record)),
              tally.callback(file, bytes.length));
        }
      }
      producer.flush();
    } catch (KafkaException e) {
      err.println("produce: Kafka producer failed: " + e.getMessage());
      return Math.max(1, files.size() - tally.sent());
    } catch (RegistryUnavailableException e) {
      err.println("produce: " + e.getMessage());
      return Math.max(1, files.size() - tally.sent());
    }
    return tally.failed();
  }

  private static byte[] read(Path file, SendTally tally, PrintWriter err) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      err.println("produce: cannot read " + file + ": " + e.getMessage() + "; skipped");
      tally.fail();
      return null;
    }
  }

  private ImageRecord toRecord(Path file, byte[] bytes) {
    String fileName = file.getFileName().toString();
    return ImageRecord.newBuilder()
        .setId(id != null ? id : fileName)
        .setImage(ByteBuffer.wrap(bytes))
        .setContentType(ImageFiles.contentType(file))
        .setSource(source)
        .setCapturedAt(null)
        .setAttributes(Map.of("file", fileName))
        .build();
  }

  private static Properties producerProperties(Properties client) {
    Properties props = new Properties();
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
    props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, String.valueOf(32 * 1024 * 1024));
    props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "60000");
    props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, String.valueOf(TimeUnit.SECONDS.toMillis(30)));
    props.putAll(client);
    return props;
  }

  private String summary(Progress progress, int failed, int unreadable) {
    return String.format(
        java.util.Locale.ROOT,
        "produce: sent %d of %d files (%s) to %s in %.1f s; %d failed, %d paths unreadable",
        progress.done(),
        progress.total(),
        Progress.humanBytes(progress.bytes()),
        topic,
        progress.elapsedSeconds(),
        failed,
        unreadable);
  }
}
