package googlenet.streams.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import googlenet.streams.avro.Classification;
import googlenet.streams.avro.ModelRef;
import googlenet.streams.avro.Prediction;
import googlenet.streams.avro.SourceRef;
import googlenet.streams.config.OutputFormat;
import googlenet.streams.config.RegistrySettings;
import googlenet.streams.config.SerdeSettings;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RecordWriterTest {
  static Classification classification(String imageId) {
    return Classification.newBuilder()
        .setImageId(imageId)
        .setPredictions(List.of(new Prediction(281, "n02123045", "tabby, tabby cat", 0.75f)))
        .setModel(new ModelRef("googlenet-12", "v1", "ab12"))
        .setExecutionProvider("CPU")
        .setBatchSize(4)
        .setCapturedAt(Instant.ofEpochMilli(1_700_000_000_000L))
        .setClassifiedAt(Instant.ofEpochMilli(1_700_000_000_500L))
        .setInferenceMicros(1234L)
        .setSource(new SourceRef("images", 1, 42L))
        .setAttributes(Map.of("camera", "gate-3"))
        .build();
  }

  @Test
  void shouldWriteSingleObjectEncodingByDefault() {
    RecordWriter<Classification> writer = RecordSerdes.singleObject().classificationWriter();

    byte[] bytes = writer.write("classifications", classification("img-1"));

    assertThat(writer.format()).isEqualTo(OutputFormat.SINGLE_OBJECT);
    assertThat(bytes).startsWith(0xC3, 0x01);
    assertThat(AvroSerde.classification().decode(bytes)).isEqualTo(classification("img-1"));
  }

  @Test
  void shouldRegisterUnderTopicValueOncePerTopicAndFrameWithTheId() throws Exception {
    try (StubRegistry stub = StubRegistry.http()) {
      RecordSerdes serdes =
          RecordSerdes.create(
              new SerdeSettings(
                  Optional.of(RegistrySettings.of(stub.url())), OutputFormat.REGISTRY),
              RegistryListener.NONE);
      RecordWriter<Classification> writer = serdes.classificationWriter();

      byte[] first = writer.write("classifications", classification("img-1"));
      byte[] second = writer.write("classifications", classification("img-2"));
      byte[] routed = writer.write("alerts.cats", classification("img-1"));

      assertThat(stub.requests())
          .containsExactly(
              "POST /subjects/classifications-value/versions",
              "POST /subjects/alerts.cats-value/versions");
      assertThat(first[0]).isZero();
      int id = ByteBuffer.wrap(first, 1, 4).getInt();
      assertThat(ByteBuffer.wrap(second, 1, 4).getInt()).isEqualTo(id);
      assertThat(ByteBuffer.wrap(routed, 1, 4).getInt()).isNotEqualTo(id);
      RecordReader<Classification> reader = serdes.reader(Classification.class);
      assertThat(reader.read(first)).isEqualTo(classification("img-1"));
      assertThat(reader.read(routed)).isEqualTo(classification("img-1"));
    }
  }

  @Test
  void shouldRefuseRegistryOutputWithoutARegistry() {
    assertThatThrownBy(() -> new SerdeSettings(Optional.empty(), OutputFormat.REGISTRY))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("needs a schema registry");
  }
}
