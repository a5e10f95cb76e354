package googlenet.streams.config;

import java.util.Arrays;
import java.util.Locale;

/** How records are written: the value of {@code output.format}. */
public enum OutputFormat {
  /** Avro single-object encoding ({@code C3 01} + fingerprint + body); needs no registry. */
  SINGLE_OBJECT("single-object"),
  /**
   * The Confluent wire format ({@code 00} + 4-byte schema id + body), the schema registered under
   * {@code <topic>-value}.
   */
  REGISTRY("registry");

  private final String id;

  OutputFormat(String id) {
    this.id = id;
  }

  /** The configuration value, e.g. {@code single-object}. */
  public String id() {
    return id;
  }

  /**
   * The format named {@code id}.
   *
   * @throws IllegalArgumentException naming the value and the accepted ones
   */
  public static OutputFormat fromId(String id) {
    return Arrays.stream(values())
        .filter(f -> f.id.equals(id.strip().toLowerCase(Locale.ROOT)))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "unknown output format '" + id + "'; use single-object or registry"));
  }
}
