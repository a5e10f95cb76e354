package googlenet.streams.tools.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One setting of the pipeline measured end to end.
 *
 * @param id figure id, e.g. {@code pipeline-eos-b8}
 * @param batch {@code batch.max.size}
 * @param exactlyOnce exactly_once_v2, else at_least_once
 * @param durableBuffer the changelogged buffer, else one without changelog ({@code
 *     batch.buffer.logged=false})
 */
record Variant(String id, int batch, boolean exactlyOnce, boolean durableBuffer) {

  /** The variant with a generated id. */
  static Variant of(int batch, boolean exactlyOnce, boolean durableBuffer) {
    String id =
        "pipeline-"
            + (exactlyOnce ? "eos" : "alos")
            + "-b"
            + batch
            + (durableBuffer || batch == 1 ? "" : "-unlogged");
    return new Variant(id, batch, exactlyOnce, durableBuffer);
  }

  /** In words, for the table. */
  String description() {
    return "pipeline end to end, "
        + (exactlyOnce ? "exactly-once" : "at-least-once")
        + ", batch "
        + batch
        + (batch == 1
            ? " (no buffer)"
            : durableBuffer ? ", durable buffer" : ", buffer without changelog");
  }

  /** The settings column. */
  Map<String, String> settings(long delayMs) {
    Map<String, String> s = new LinkedHashMap<>();
    s.put("batch.max.size", Integer.toString(batch));
    s.put("batch.max.delay.ms", Long.toString(delayMs));
    s.put("processing.guarantee", exactlyOnce ? "exactly_once_v2" : "at_least_once");
    s.put("buffer", batch == 1 ? "none" : durableBuffer ? "changelogged" : "no changelog");
    return s;
  }
}
