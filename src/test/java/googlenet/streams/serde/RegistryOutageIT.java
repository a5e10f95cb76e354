package googlenet.streams.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import googlenet.streams.avro.ImageRecord;
import googlenet.streams.config.OutputFormat;
import googlenet.streams.config.RegistrySettings;
import googlenet.streams.config.SerdeSettings;
import googlenet.streams.testing.RegistryServer;
import googlenet.streams.testing.RequiresRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real registry stopped and started again (its own, with persistent storage, so ids survive):
 * while it is down a read of a not yet cached id fails as retriable (never as a rejection), ids
 * already cached are still read, and once it is back the same record is read.
 */
@RequiresRegistry
class RegistryOutageIT {
  @TempDir Path dir;

  @Test
  void shouldFailRetriablyWhileTheRegistryIsDownAndReadTheSameRecordOnceItIsBack()
      throws Exception {
    RegistryClientTest.Events events = new RegistryClientTest.Events();
    try (RegistryServer registry = RegistryServer.startPersistent(dir)) {
      int cachedId = registry.register("outage-a-value", WriterSchemas.current().toString());
      int newId =
          registry.register("outage-b-value", WriterSchemas.withoutSourceField().toString());
      RegistrySettings settings =
          RegistrySettings.of(registry.url())
              .withRetry(
                  new RegistrySettings.RetryPolicy(
                      Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(300)));
      RecordReader<ImageRecord> reader =
          RecordSerdes.create(
                  new SerdeSettings(Optional.of(settings), OutputFormat.SINGLE_OBJECT), events)
              .imageReader();
      byte[] cached = RegistryInteropIT.framed(cachedId, WriterSchemas.current(), "before");
      byte[] waiting =
          RegistryInteropIT.framed(newId, WriterSchemas.withoutSourceField(), "during");
      assertThat(reader.read(cached).getId()).isEqualTo("before");

      registry.stop();
      RegistryUnavailableException down =
          catchThrowableOfType(RegistryUnavailableException.class, () -> reader.read(waiting));
      ImageRecord stillRead = reader.read(cached);
      registry.startAgain();
      ImageRecord afterwards = reader.read(waiting);

      assertThat(down.getMessage())
          .contains("GET /schemas/ids/" + newId)
          .contains(registry.url().toString())
          .contains("ConnectException");
      assertThat(stillRead.getId()).isEqualTo("before");
      assertThat(afterwards.getId()).isEqualTo("during");
      assertThat(events.availability).containsExactly(false, true);
      assertThat(events.retries).isNotEmpty();
      assertThat(events.failures)
          .isNotEmpty()
          .allMatch(f -> f.startsWith(registry.url().toString()));
    }
  }
}
