package googlenet.streams.serde;

import googlenet.streams.avro.Classification;
import googlenet.streams.avro.ImageRecord;
import googlenet.streams.config.OutputFormat;
import googlenet.streams.config.SerdeSettings;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;

/**
 * The readers and writers of one process, sharing one registry client (and so its caches and
 * connections): {@code RecordSerdes.create(config.serdeSettings(), listener)} once, then {@link
 * #imageReader()} and {@link #classificationWriter()} for the topology. Thread-safe.
 */
public final class RecordSerdes {
  private final SerdeSettings settings;
  private final Optional<RegistryClient> registry;

  private RecordSerdes(SerdeSettings settings, Optional<RegistryClient> registry) {
    this.settings = settings;
    this.registry = registry;
  }

  /**
   * Readers and writers for {@code settings}; nothing is sent to the registry until a record needs
   * it.
   *
   * @param listener receives the registry client's failures, retries, availability and cache size
   * @throws IllegalArgumentException when the registry's trust store cannot be loaded
   */
  public static RecordSerdes create(SerdeSettings settings, RegistryListener listener) {
    return new RecordSerdes(
        settings, settings.registry().map(r -> RegistryClient.create(r, listener)));
  }

  /** Single-object encoding only, no registry. */
  public static RecordSerdes singleObject() {
    return create(SerdeSettings.SINGLE_OBJECT, RegistryListener.NONE);
  }

  /** Reads the input topic's values in either framing. */
  public RecordReader<ImageRecord> imageReader() {
    return reader(ImageRecord.class);
  }

  /** Writes results in the configured output format. */
  public RecordWriter<Classification> classificationWriter() {
    return writer(Classification.class, settings.outputFormat());
  }

  /** A reader of {@code type} in either framing. */
  public <T extends SpecificRecord> RecordReader<T> reader(Class<T> type) {
    return new RecordReader<>(type, registry);
  }

  /**
   * A writer of {@code type} in {@code format}.
   *
   * @throws IllegalArgumentException for registry output without a registry
   */
  public <T extends SpecificRecord> RecordWriter<T> writer(Class<T> type, OutputFormat format) {
    return new RecordWriter<>(type, format, registry);
  }

  /** The registry client, when a registry is configured: for a readiness probe ({@code ping()}). */
  public Optional<RegistryClient> registry() {
    return registry;
  }
}
