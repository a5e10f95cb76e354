package googlenet.streams.topology;

/**
 * Names of the headers added to every classification (on the output topic and routed topics), next
 * to the input record's own headers, so consumers can filter by model without decoding the value.
 * Values are UTF-8 strings.
 */
public final class ResultHeaders {
  /** The model's name, e.g. {@code googlenet-12}. */
  public static final String MODEL_NAME = "gns.model.name";

  /** The model's version. */
  public static final String MODEL_VERSION = "gns.model.version";

  /** SHA-256 of the model file, lower-case hex. */
  public static final String MODEL_SHA256 = "gns.model.sha256";

  private ResultHeaders() {}
}
