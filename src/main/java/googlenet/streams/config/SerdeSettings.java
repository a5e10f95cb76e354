package googlenet.streams.config;

import java.util.Optional;

/**
 * What the readers and writers of the service need: the registry, if one is configured, and the
 * output format.
 *
 * @param registry the schema registry; empty reads single-object encoding only (registry-framed
 *     records are rejected as {@code unknown-schema-id})
 * @param outputFormat how results are written
 */
public record SerdeSettings(Optional<RegistrySettings> registry, OutputFormat outputFormat) {
  /** Single-object encoding only, no registry: the default. */
  public static final SerdeSettings SINGLE_OBJECT =
      new SerdeSettings(Optional.empty(), OutputFormat.SINGLE_OBJECT);

  /**
   * Checks that registry output has a registry.
   *
   * @throws IllegalArgumentException when {@code outputFormat} is registry but no registry is given
   */
  public SerdeSettings {
    if (outputFormat == OutputFormat.REGISTRY && registry.isEmpty()) {
      throw new IllegalArgumentException(
          "output format 'registry' needs a schema registry; configure its URL");
    }
  }
}
