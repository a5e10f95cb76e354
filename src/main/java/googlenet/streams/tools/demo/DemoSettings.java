package googlenet.streams.tools.demo;

import googlenet.streams.config.OutputFormat;
import googlenet.streams.config.RegistrySettings;
import googlenet.streams.config.SerdeSettings;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * What the demo runs.
 *
 * @param images number of generated pictures (broken inputs are added to them)
 * @param modelSpec {@code synthetic}, {@code synthetic-small} or an ONNX file
 * @param labels synset file naming the classes, if any
 * @param batchSize {@code batch.max.size}, or empty for the configuration's default
 * @param timeout longest wait for every record to be accounted for
 * @param keepRunning whether to keep the broker and the pipeline up after the report
 * @param schemaRegistry a schema registry's URL: the pictures are published and the results written
 *     in its framing (schema id, schemas registered under {@code <topic>-value}); empty for Avro
 *     single-object encoding, which needs no registry
 */
public record DemoSettings(
    int images,
    String modelSpec,
    Optional<String> labels,
    Optional<Integer> batchSize,
    Duration timeout,
    boolean keepRunning,
    Optional<URI> schemaRegistry) {

  /** Validates the numbers. */
  public DemoSettings {
    if (images < 0) {
      throw new IllegalArgumentException("--images must be >= 0, got " + images);
    }
    batchSize.ifPresent(
        b -> {
          if (b < 1) {
            throw new IllegalArgumentException("--batch-size must be >= 1, got " + b);
          }
        });
  }

  /** How the demo's records are framed: by the registry when one is given. */
  public SerdeSettings serdes() {
    return schemaRegistry
        .map(url -> new SerdeSettings(Optional.of(RegistrySettings.of(url)), OutputFormat.REGISTRY))
        .orElse(SerdeSettings.SINGLE_OBJECT);
  }

  /** True when the model is one of the synthetic ones. */
  public boolean synthetic() {
    return modelSpec.strip().toLowerCase(java.util.Locale.ROOT).startsWith("synthetic");
  }
}
