package googlenet.streams.tools.bench;

import java.util.Map;

/** A started run whose results a stage reads back; closing stops it within a bound. */
interface MeasuredRun extends AutoCloseable {

  /** Stops the run; returns within a bound even when the run is stuck. */
  @Override
  void close();

  /** What the run adds to its figure's settings, read once it is closed. */
  Map<String, String> settings();
}
