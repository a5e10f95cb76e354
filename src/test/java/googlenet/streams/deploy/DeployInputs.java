package googlenet.streams.deploy;

import googlenet.streams.avro.ImageRecord;
import googlenet.streams.serde.AvroSerde;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.imageio.ImageIO;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Input records for the deployment tests, keyed by image id: good ones (small generated PNG and
 * JPEG pictures in an {@code ImageRecord}) and bad ones (an {@code ImageRecord} whose bytes are no
 * image, and a value that is not an {@code ImageRecord} at all), produced from the host.
 */
final class DeployInputs {
  private static final AvroSerde<ImageRecord> SERDE = AvroSerde.imageRecord();

  /** One input record: its key (= image id), its value bytes, and whether it can be labelled. */
  record Input(String key, byte[] value, boolean good) {}

  private DeployInputs() {}

  /** {@code count} records with ids {@code <prefix>-<i>}; every {@code badEvery}-th one is bad. */
  static List<Input> inputs(String prefix, int count, int badEvery) {
    List<Input> inputs = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      String id = String.format(Locale.ROOT, "%s-%04d", prefix, i);
      inputs.add(i % badEvery == badEvery - 1 ? bad(id, i) : good(id, i));
    }
    return List.copyOf(inputs);
  }

  private static Input good(String id, int i) {
    byte[] picture = picture(i, i % 2 == 0 ? "png" : "jpeg");
    return new Input(id, SERDE.serializer().serialize("", record(id, picture)), true);
  }

  private static Input bad(String id, int i) {
    if (i % 2 == 0) {
      byte[] notAnImage = ("not an image " + id).getBytes(StandardCharsets.UTF_8);
      return new Input(id, SERDE.serializer().serialize("", record(id, notAnImage)), false);
    }
    return new Input(id, ("not an ImageRecord " + id).getBytes(StandardCharsets.UTF_8), false);
  }

  private static ImageRecord record(String id, byte[] image) {
    return ImageRecord.newBuilder()
        .setId(id)
        .setImage(ByteBuffer.wrap(image))
        .setSource("deployment-test")
        .setAttributes(Map.of("test", "deploy"))
        .build();
  }

  /** A 96x64 picture: a coloured background with a contrasting rectangle, encoded. */
  static byte[] picture(int seed, String format) {
    BufferedImage image = new BufferedImage(96, 64, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setColor(Color.getHSBColor((seed * 0.137f) % 1f, 0.7f, 0.9f));
    g.fillRect(0, 0, 96, 64);
    g.setColor(Color.getHSBColor((seed * 0.137f + 0.5f) % 1f, 0.9f, 0.5f));
    g.fillRect(10 + seed % 40, 8 + seed % 20, 30, 24);
    g.dispose();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(image, format, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** Sends the inputs to {@code topic} and waits for the broker to acknowledge them. */
  static void produce(String bootstrapServers, String topic, List<Input> inputs) {
    try (KafkaProducer<String, byte[]> producer = producer(bootstrapServers)) {
      for (Input input : inputs) {
        producer.send(new ProducerRecord<>(topic, input.key(), input.value()));
      }
      producer.flush();
    }
  }

  /** Sends the inputs one by one, {@code pauseMillis} apart: a stream that lasts a while. */
  static void produceSlowly(String bootstrapServers, String topic, List<Input> inputs, long pause)
      throws InterruptedException {
    try (KafkaProducer<String, byte[]> producer = producer(bootstrapServers)) {
      for (Input input : inputs) {
        producer
            .send(new ProducerRecord<>(topic, input.key(), input.value()))
            .get(30, TimeUnit.SECONDS);
        Thread.sleep(pause);
      }
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("could not produce to " + topic, e);
    }
  }

  private static KafkaProducer<String, byte[]> producer(String bootstrapServers) {
    return new KafkaProducer<>(
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrapServers,
            ProducerConfig.ACKS_CONFIG,
            "all",
            ProducerConfig.LINGER_MS_CONFIG,
            5),
        new StringSerializer(),
        new ByteArraySerializer());
  }
}
