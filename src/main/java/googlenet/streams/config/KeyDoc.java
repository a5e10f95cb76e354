package googlenet.streams.config;

/**
 * One row of the configuration reference.
 *
 * @param key the property key, e.g. {@code batch.max.size}; patterns use {@code <name>}
 * @param envVar the environment variable that sets it, e.g. {@code GNS_BATCH_MAX_SIZE}
 * @param defaultValue the default, empty when there is none
 * @param doc what the key means and what values it accepts
 */
public record KeyDoc(String key, String envVar, String defaultValue, String doc) {}
