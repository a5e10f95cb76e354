package googlenet.streams.tools.bench;

import java.util.List;

/**
 * What {@code bench soak} measured: the series of samples and their drift.
 *
 * @param header model, machine, versions and settings
 * @param minutes length of the steady load
 * @param load offered load as a fraction of {@link #pipelineCapacityPerSecond}
 * @param intervalSeconds seconds between samples
 * @param engineCeilingPerSecond the raw engine at the default batch from every stream thread
 * @param pipelineCapacityPerSecond the default pipeline on pre-produced images: what the load is a
 *     fraction of
 * @param offeredPerSecond images per second the paced producer offered
 * @param sent images sent during the soak
 * @param received distinct results read back (read_committed)
 * @param duplicates results read again for an image already seen
 * @param results {@code received/sent}, with the bound that ended the wait when not all came
 * @param samples one per interval while the load ran
 * @param drift first quarter against last quarter after the warm-up; null with too few samples
 */
public record SoakReport(
    Header header,
    double minutes,
    double load,
    double intervalSeconds,
    double engineCeilingPerSecond,
    double pipelineCapacityPerSecond,
    double offeredPerSecond,
    long sent,
    long received,
    long duplicates,
    String results,
    List<SoakSample> samples,
    SoakDrift drift) {

  /** Copies the samples. */
  public SoakReport {
    samples = List.copyOf(samples);
  }
}
